package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.domain.Timers;
import io.vigil.domain.breaker.BreakerMachine;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.domain.breaker.BreakerSnapshot;
import io.vigil.domain.breaker.BreakerState;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A named circuit breaker around future-returning calls: the state is the domain {@link BreakerMachine}'s, the call
 * mechanics (timeout, outcome reporting) are here. A failed future counts as a failure, a succeeded one as a success;
 * a call the breaker refuses fails at once with {@link BreakerOpenException} and is never made. Get one from
 * {@link Breakers}.
 *
 * <p>Cost per call through a closed breaker without a call timeout: one uncontended lock to acquire, one to report,
 * one completion handler; no timer, no promise.
 */
public final class Breaker {
  private final BreakerMachine machine;
  private final Timers timers;
  private final LongAdder timedOut = new LongAdder();

  Breaker(BreakerMachine machine, Timers timers) {
    this.machine = machine;
    this.timers = timers;
  }

  public String name() {
    return machine.name();
  }

  public BreakerState state() {
    return machine.state();
  }

  public BreakerSnapshot snapshot() {
    return machine.snapshot();
  }

  /** Calls failed by the breaker's own call timeout (counted among the machine's failures too). */
  public long timedOut() {
    return timedOut.sum();
  }

  /** Whether a call made now would be refused without being made (degradation strategies look before calling). */
  public boolean refusesCalls() {
    return machine.refusesCalls();
  }

  /** The state machine itself, for forcing, releasing and resetting. */
  public BreakerMachine machine() {
    return machine;
  }

  /** Makes the call unless the breaker refuses it; the answer is the call's, or the refusal, or the timeout. */
  public <T> Future<T> execute(Supplier<Future<T>> call) {
    long permit = machine.acquire();
    if (permit == BreakerMachine.REJECTED) return Future.failedFuture(new BreakerOpenException(name(), state()));
    BreakerPolicy policy = machine.policy(); // read per call: a config reload may change it
    boolean timed = policy.countsSlowCalls();
    long timeoutMs = policy.callTimeout().toMillis();
    long started = timed ? System.nanoTime() : 0;
    Future<T> future;
    try {
      future = call.get();
      if (future == null) future = Future.failedFuture(new IllegalStateException("the guarded call gave no future"));
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    if (timeoutMs <= 0) {
      return future.onComplete(done -> settle(permit, timed, started, done.succeeded()));
    }
    Promise<T> answer = Promise.promise();
    long timer = timers.schedule(timeoutMs, () -> {
      if (answer.tryFail(new BreakerTimeoutException(name(), timeoutMs))) {
        timedOut.increment();
        machine.onFailure(permit, elapsed(timed, started));
      }
    });
    future.onComplete(done -> {
      timers.cancel(timer);
      boolean first = done.succeeded() ? answer.tryComplete(done.result()) : answer.tryFail(done.cause());
      if (first) settle(permit, timed, started, done.succeeded()); // a late answer after the timeout is not counted twice
    });
    return answer.future();
  }

  private void settle(long permit, boolean timed, long started, boolean succeeded) {
    if (succeeded) machine.onSuccess(permit, elapsed(timed, started));
    else machine.onFailure(permit, elapsed(timed, started));
  }

  private static long elapsed(boolean timed, long started) {
    return timed ? System.nanoTime() - started : 0;
  }
}
