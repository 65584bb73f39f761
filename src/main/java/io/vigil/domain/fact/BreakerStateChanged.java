package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTransition;
import io.vigil.domain.breaker.BreakerTrigger;

/**
 * A circuit breaker on {@code node} changed state (one fact per change of the breaker's transition table).
 *
 * @param name        the breaker, e.g. {@code http:api.example:443}
 * @param failureRate the window's failure rate in percent at that moment
 */
public record BreakerStateChanged(Stamp stamp, String node, String name, BreakerState from, BreakerState to,
                                  double failureRate, BreakerTrigger reason) implements Fact {

  /** {@code transition} on {@code node}, stamped at the instant the breaker changed. */
  public static BreakerStateChanged of(Stamp stamp, String node, BreakerTransition transition) {
    return new BreakerStateChanged(stamp, node, transition.name(), transition.from(), transition.to(),
        transition.failureRate(), transition.reason());
  }

  /** Whether calls through the breaker are refused now. */
  public boolean refusesCalls() {
    return to == BreakerState.OPEN || to == BreakerState.FORCED_OPEN;
  }

  @Override
  public Event view() {
    return FactView.of(this, "breaker.state.changed", refusesCalls() ? Severity.WARNING : Severity.INFO,
        "breaker:" + name,
        "circuit breaker " + name + " " + from.wireName() + " -> " + to.wireName() + " (" + reason.wireName()
            + ", failure rate " + Math.round(failureRate) + "%)",
        "from", from.wireName(), "to", to.wireName(), "reason", reason.wireName(),
        "failure_rate", Math.round(failureRate * 10) / 10.0, "node", node);
  }
}
