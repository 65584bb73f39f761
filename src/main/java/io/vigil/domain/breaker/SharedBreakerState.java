package io.vigil.domain.breaker;

import java.time.Instant;

/**
 * What one node tells the others about one of its breakers (state shared across nodes), and what a node restores at
 * start. Only the moves that say something about the dependency or an operator's will are shared: opening (with the
 * moment trials may start), forcing, releasing, resetting, and closing after trials passed. Half-open is not: each
 * node lets its own trial calls through once the shared open time is over.
 *
 * @param node  the node where it happened
 * @param actor the operator who forced, released or reset it, or null
 */
public record SharedBreakerState(String name, BreakerState state, BreakerTrigger reason, String node, String actor,
                                 Instant at, Instant openUntil) {

  /** What to tell the others about a transition of this node ({@code node}); null when it is not shared. */
  public static SharedBreakerState of(BreakerTransition t, String node) {
    if (!t.local()) return null;
    boolean shared = switch (t.reason()) {
      case FAILURE_RATE, SLOW_CALL_RATE, TRIAL_FAILED, FORCE_OPEN, FORCE_CLOSE, RELEASE, RESET, TRIALS_PASSED -> true;
      case OPEN_ELAPSED, PEER_OPENED, PEER_CLOSED -> false;
    };
    return shared ? new SharedBreakerState(t.name(), t.to(), t.reason(), node, t.actor(), t.at(), t.openUntil()) : null;
  }

  /** The trigger that makes a peer's breaker do the same. */
  public BreakerTrigger adoptAs() {
    return switch (state) {
      case OPEN -> BreakerTrigger.PEER_OPENED;
      case FORCED_OPEN -> BreakerTrigger.FORCE_OPEN;
      case FORCED_CLOSED -> BreakerTrigger.FORCE_CLOSE;
      case CLOSED, HALF_OPEN -> reason == BreakerTrigger.RELEASE || reason == BreakerTrigger.RESET ? reason
          : BreakerTrigger.PEER_CLOSED;
    };
  }

  /** Whether a node starting at {@code now} must take it on: a forced state, or an open one whose time is not over. */
  public boolean inForceAt(Instant now) {
    return state.isForced() || state == BreakerState.OPEN && openUntil != null && openUntil.isAfter(now);
  }

  /** Whether the shared record of the breaker's state is kept (a restarting node needs it) or removed (closed). */
  public boolean kept() {
    return state != BreakerState.CLOSED;
  }
}
