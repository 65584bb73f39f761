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
 * @param by          the peer node whose breaker of the same name moved first (shared state), or null when this
 *                    node's own calls or an operator on this node moved it
 * @param operator    the token name of the operator who forced, released or reset it, or null
 */
public record BreakerStateChanged(Stamp stamp, String node, String name, BreakerState from, BreakerState to,
                                  double failureRate, BreakerTrigger reason, String by, String operator)
    implements Fact {

  public BreakerStateChanged(Stamp stamp, String node, String name, BreakerState from, BreakerState to,
                             double failureRate, BreakerTrigger reason) {
    this(stamp, node, name, from, to, failureRate, reason, null, null);
  }

  /** {@code transition} on {@code node}, stamped at the instant the breaker changed. */
  public static BreakerStateChanged of(Stamp stamp, String node, BreakerTransition transition) {
    return new BreakerStateChanged(stamp, node, transition.name(), transition.from(), transition.to(),
        transition.failureRate(), transition.reason(), transition.node(), transition.actor());
  }

  /** Whether calls through the breaker are refused now. */
  public boolean refusesCalls() {
    return to == BreakerState.OPEN || to == BreakerState.FORCED_OPEN;
  }

  @Override
  public String actor() {
    return operator != null ? operator : Fact.super.actor();
  }

  @Override
  public Event view() {
    return FactView.of(this, "breaker.state.changed", refusesCalls() ? Severity.WARNING : Severity.INFO,
        "breaker:" + name,
        "circuit breaker " + name + " " + from.wireName() + " -> " + to.wireName() + " (" + reason.wireName()
            + (by != null ? " on " + by : "") + ", failure rate " + Math.round(failureRate) + "%)",
        "from", from.wireName(), "to", to.wireName(), "reason", reason.wireName(),
        "failure_rate", Math.round(failureRate * 10) / 10.0, "node", node, "tripped_by", by);
  }
}
