package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vigil.bus.Addresses;
import io.vigil.bus.BreakerJson;
import io.vigil.bus.Commands;
import io.vigil.config.BreakersConfig;

import java.time.Clock;

/**
 * Owns this node's {@link Breakers} registry: sets its defaults from the config, answers {@code vigil.breakers.list}
 * (node-local) and publishes every transition as {@code vigil.breaker.state.changed} (node-local). The breakers
 * themselves are used where the calls are made (the http handler in the queue verticle today). Deploy one per node,
 * before the verticles that use breakers; it is where shared breaker state and operator commands will attach.
 */
public final class BreakerVerticle extends VerticleBase {
  private static final DeliveryOptions LOCAL_ONLY = new DeliveryOptions().setLocalOnly(true);

  private final BreakersConfig config;
  private final Clock clock;
  private Runnable unsubscribe = () -> {};

  public BreakerVerticle(BreakersConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Breakers breakers = Breakers.of(vertx, clock);
    breakers.defaults(config.defaults());
    unsubscribe = breakers.onTransition(t -> vertx.eventBus().publish(Addresses.BREAKER_STATE_CHANGED, t, LOCAL_ONLY));
    Commands.bindLocal(vertx.eventBus(), Addresses.BREAKERS_LIST,
        (q, m) -> Future.succeededFuture(BreakerJson.list(breakers.snapshots())));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    unsubscribe.run();
    return Future.succeededFuture();
  }
}
