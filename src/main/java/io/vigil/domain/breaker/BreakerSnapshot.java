package io.vigil.domain.breaker;

import java.time.Instant;

/**
 * A breaker at one moment. The rates (percent) and {@code calls}/{@code failures}/{@code slowCalls} are over the
 * current window (they count toward opening once {@code calls >= minimumCalls}); {@code succeeded}, {@code failed}
 * and {@code rejected} are totals since the breaker was made. {@code openUntil} is set while OPEN;
 * {@code lastTransition} is null before the first; {@code opened} is the transition that opened it (naming the node
 * that tripped it), kept while it is open, half-open or forced open.
 */
public record BreakerSnapshot(String name, BreakerState state, Instant since, double failureRate, double slowCallRate,
                              int calls, int failures, int slowCalls, int minimumCalls, long succeeded, long failed,
                              long rejected, Instant openUntil, BreakerTransition lastTransition,
                              BreakerTransition opened) {

  public boolean forced() {
    return state.isForced();
  }
}
