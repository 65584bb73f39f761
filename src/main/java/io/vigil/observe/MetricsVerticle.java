package io.vigil.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vigil.bus.Addresses;
import io.vigil.bus.QueueStatsUpdated;
import io.vigil.domain.Event;
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
    vertx.eventBus().<QueueStatsUpdated>localConsumer(Addresses.QUEUE_STATS_UPDATED, m -> meters.queues(m.body().queues()));
    vertx.eventBus().<Event>consumer(Addresses.SYSTEM_MODE_CHANGED, m -> mode(String.valueOf(m.body().details().get("mode"))));
    vertx.eventBus().<JsonObject>request(Addresses.SYSTEM_MODE_GET, new JsonObject(), new DeliveryOptions().setSendTimeout(5_000))
        .onSuccess(reply -> mode(reply.body().getString("mode")));
    return Future.succeededFuture();
  }

  private void mode(String wire) {
    SystemMode.fromWire(wire).ifPresent(meters::mode);
  }

  @Override
  public Future<?> stop() {
    if (meters != null) meters.close();
    return Future.succeededFuture();
  }
}
