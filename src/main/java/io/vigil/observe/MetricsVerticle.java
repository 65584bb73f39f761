package io.vigil.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.domain.SystemMode;

/**
 * Keeps this node's gauges ({@link NodeMeters}) up to date from the facts on the bus: queue statistics as they are
 * published, and the mode as it changes (asked once at start). Deployed on every node when metrics are on.
 */
public final class MetricsVerticle extends VerticleBase {
  private NodeMeters meters;

  @Override
  public Future<?> start() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) return Future.succeededFuture();
    meters = new NodeMeters(registry);
    Facts.listen(vertx.eventBus(), Addresses.QUEUE_STATS_UPDATED, stats -> meters.queues(stats.queues()));
    // a peer's change says what an operator chose; the mode in force here is this node's to tell (its fallback)
    Facts.listen(vertx.eventBus(), Addresses.SYSTEM_MODE_CHANGED, changed -> askMode());
    Facts.listen(vertx.eventBus(), Addresses.SYSTEM_FALLBACK_CHANGED, changed -> askMode());
    askMode();
    return Future.succeededFuture();
  }

  private void askMode() {
    Commands.request(vertx.eventBus(), Addresses.SYSTEM_MODE_GET, new JsonObject(), new DeliveryOptions().setSendTimeout(5_000))
        .onSuccess(reply -> SystemMode.fromWire(reply.body().getString("mode")).ifPresent(meters::mode));
  }

  @Override
  public Future<?> stop() {
    if (meters != null) meters.close();
    return Future.succeededFuture();
  }
}
