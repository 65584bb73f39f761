package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.BreakerJson;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.config.BreakersConfig;
import io.vigil.domain.fact.BreakerStateChanged;
import io.vigil.domain.fact.Stamps;

import java.time.Clock;
import java.util.List;

/**
 * Owns this node's {@link Breakers} registry: sets its defaults from the config, answers {@code vigil.breakers.list}
 * and the stream's {@code vigil.breakers.snapshot} (both node-local), and publishes every transition as a
 * {@link BreakerStateChanged} fact on {@code vigil.breaker.state.changed} (node-local: breakers are per node). The
 * breakers themselves are used where the calls are made (the http handler in the queue verticle today). Deploy one per
 * node, before the verticles that use breakers; it is where shared breaker state and operator commands will attach.
 */
public final class BreakerVerticle extends VerticleBase {
  private final BreakersConfig config;
  private final Clock clock;
  private final String node;
  private Runnable unsubscribe = () -> {};

  /** @param node this node's id (the cluster node id when clustered), named in the facts it publishes */
  public BreakerVerticle(BreakersConfig config, Clock clock, String node) {
    this.config = config;
    this.clock = clock;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Breakers breakers = Breakers.of(vertx, clock);
    breakers.defaults(config.defaults());
    Stamps stamps = new Stamps(clock);
    // a transition is heard on the thread of the call that caused it; publishing from there is safe
    unsubscribe = breakers.onTransition(t -> Facts.publish(vertx.eventBus(), Addresses.BREAKER_STATE_CHANGED,
        BreakerStateChanged.of(stamps.at(t.at()), node, t)));
    for (Address<JsonObject> listing : List.of(Addresses.BREAKERS_LIST, Addresses.BREAKERS_SNAPSHOT)) {
      Commands.bind(vertx.eventBus(), listing, (q, m) -> Future.succeededFuture(BreakerJson.list(breakers.snapshots())));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    unsubscribe.run();
    return Future.succeededFuture();
  }
}
