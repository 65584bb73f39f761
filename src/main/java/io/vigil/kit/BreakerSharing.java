package io.vigil.kit;

import io.vertx.core.Future;
import io.vigil.domain.breaker.BreakerTransition;
import io.vigil.domain.breaker.SharedBreakerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Shares this node's breaker states with the other nodes over a {@link BreakerLink}: every transition this node
 * causes that {@link SharedBreakerState#of} calls shared is published; every state a peer publishes is taken on by
 * the breaker of the same name here ({@code BreakerMachine.adopt}; made with its configured options when this node has
 * not used it yet). At start, and after the link was lost, the recorded states still in force are taken on, so a
 * restarted node refuses calls to a dependency that was open when it went down, until the open time ends. The call
 * path never waits on the link: it only reads the local machine.
 */
public final class BreakerSharing {
  private static final Logger LOG = LoggerFactory.getLogger(BreakerSharing.class);

  private final Breakers breakers;
  private final BreakerLink link;
  private final String node;
  private final Clock clock;
  private Runnable unsubscribe = () -> {};

  public BreakerSharing(Breakers breakers, BreakerLink link, String node, Clock clock) {
    this.breakers = breakers;
    this.link = link;
    this.node = node;
    this.clock = clock;
  }

  /** Listens, then restores the recorded states; never fails (a node starts with its own breakers if the link is down). */
  public Future<Void> start() {
    unsubscribe = breakers.onTransition(this::transitioned);
    return link.listen(this::received, this::restore)
        .compose(v -> restore())
        .recover(e -> {
          LOG.warn("breaker states are not shared yet ({}); this node starts with its own", e.getMessage());
          return Future.succeededFuture();
        });
  }

  public Future<Void> stop() {
    unsubscribe.run();
    return link.close();
  }

  private void transitioned(BreakerTransition t) {
    SharedBreakerState shared = SharedBreakerState.of(t, node);
    if (shared != null) link.publish(shared);
  }

  /** Takes on a peer's state (one of this node's own is an echo and ignored). */
  void received(SharedBreakerState s) {
    if (!node.equals(s.node())) adopt(s);
  }

  private void adopt(SharedBreakerState s) {
    breakers.breaker(s.name()).machine().adopt(s.adoptAs(), s.openUntil(), s.node(), s.actor());
  }

  private Future<Void> restore() {
    return link.load().map(states -> {
      restore(states);
      return null;
    });
  }

  void restore(List<SharedBreakerState> states) {
    for (SharedBreakerState s : states) {
      if (s.inForceAt(clock.instant())) adopt(s); // a node restarted under the same id takes on its own too
    }
  }
}
