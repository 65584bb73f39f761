package io.vigil.kit;

import java.util.concurrent.TimeoutException;

/** A guarded call did not answer within its breaker's call timeout; it counts as a failure. */
public final class BreakerTimeoutException extends TimeoutException {
  public BreakerTimeoutException(String breaker, long timeoutMs) {
    super("no answer within " + timeoutMs + " ms (circuit breaker '" + breaker + "')");
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // an expected outcome, not a bug: no stack trace to fill
  }
}
