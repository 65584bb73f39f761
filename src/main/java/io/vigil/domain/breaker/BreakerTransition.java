package io.vigil.domain.breaker;

import java.time.Instant;

/**
 * A breaker changed state: a fact, published once per change. {@code failureRate} is the window's failure rate in
 * percent at that moment; {@code openUntil} is set when it moved to OPEN (when trial calls may start).
 *
 * @param node  the node whose calls or operator caused it, or null for this node (a peer's, when shared)
 * @param actor the operator (token name) who forced, released or reset it, or null for the breaker itself
 */
public record BreakerTransition(String name, BreakerState from, BreakerState to, Instant at, double failureRate,
                                BreakerTrigger reason, Instant openUntil, String node, String actor) {

  public BreakerTransition(String name, BreakerState from, BreakerState to, Instant at, double failureRate,
                           BreakerTrigger reason) {
    this(name, from, to, at, failureRate, reason, null, null, null);
  }

  /** Whether this node caused it (its own calls or an operator on it), not a peer. */
  public boolean local() {
    return node == null;
  }
}
