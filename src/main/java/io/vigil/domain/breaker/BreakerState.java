package io.vigil.domain.breaker;

import io.vigil.domain.IllegalTransitionException;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static io.vigil.domain.breaker.BreakerTrigger.FAILURE_RATE;
import static io.vigil.domain.breaker.BreakerTrigger.FORCE_CLOSE;
import static io.vigil.domain.breaker.BreakerTrigger.FORCE_OPEN;
import static io.vigil.domain.breaker.BreakerTrigger.OPEN_ELAPSED;
import static io.vigil.domain.breaker.BreakerTrigger.PEER_CLOSED;
import static io.vigil.domain.breaker.BreakerTrigger.PEER_OPENED;
import static io.vigil.domain.breaker.BreakerTrigger.RELEASE;
import static io.vigil.domain.breaker.BreakerTrigger.RESET;
import static io.vigil.domain.breaker.BreakerTrigger.SLOW_CALL_RATE;
import static io.vigil.domain.breaker.BreakerTrigger.TRIALS_PASSED;
import static io.vigil.domain.breaker.BreakerTrigger.TRIAL_FAILED;

/**
 * The lifecycle of a circuit breaker. {@link #TABLE} is the one transition table: which trigger moves which state
 * where; anything else is refused with {@link IllegalTransitionException}.
 */
public enum BreakerState {
  CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, FORCED_CLOSED;

  private static final Map<BreakerState, Map<BreakerTrigger, BreakerState>> TABLE = new EnumMap<>(Map.of(
      CLOSED, Map.of(FAILURE_RATE, OPEN, SLOW_CALL_RATE, OPEN, FORCE_OPEN, FORCED_OPEN, FORCE_CLOSE, FORCED_CLOSED,
          PEER_OPENED, OPEN),
      OPEN, Map.of(OPEN_ELAPSED, HALF_OPEN, RESET, CLOSED, FORCE_OPEN, FORCED_OPEN, FORCE_CLOSE, FORCED_CLOSED,
          PEER_CLOSED, CLOSED),
      HALF_OPEN, Map.of(TRIALS_PASSED, CLOSED, TRIAL_FAILED, OPEN, RESET, CLOSED, FORCE_OPEN, FORCED_OPEN,
          FORCE_CLOSE, FORCED_CLOSED, PEER_OPENED, OPEN, PEER_CLOSED, CLOSED),
      FORCED_OPEN, Map.of(RELEASE, CLOSED, RESET, CLOSED, FORCE_CLOSE, FORCED_CLOSED),
      FORCED_CLOSED, Map.of(RELEASE, CLOSED, RESET, CLOSED, FORCE_OPEN, FORCED_OPEN)));

  /** Whether {@code trigger} moves this state at all. */
  public boolean accepts(BreakerTrigger trigger) {
    return TABLE.get(this).containsKey(trigger);
  }

  /** Where {@code trigger} moves this state; throws when the table has no such move. */
  public BreakerState next(BreakerTrigger trigger) {
    BreakerState next = TABLE.get(this).get(trigger);
    if (next == null) throw new IllegalTransitionException(this + " does not move on " + trigger);
    return next;
  }

  /** Held by an operator until released: the failure rate does not move it. */
  public boolean isForced() {
    return this == FORCED_OPEN || this == FORCED_CLOSED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
