package io.vigil.kit;

import io.vigil.domain.breaker.BreakerState;

/** A guarded call was not made: its breaker refuses calls (open, forced open, or half-open with its trials out). */
public final class BreakerOpenException extends RuntimeException {
  private final String breaker;
  private final BreakerState state;

  public BreakerOpenException(String breaker, BreakerState state) {
    super("circuit breaker '" + breaker + "' is " + state.wireName() + ": the call was not made", null, false, false);
    this.breaker = breaker;
    this.state = state;
  }

  public String breaker() {
    return breaker;
  }

  public BreakerState state() {
    return state;
  }
}
