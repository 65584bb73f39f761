package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.EventJson;
import io.vigil.bus.QueueStatsUpdated;
import io.vigil.bus.StatsJson;
import io.vigil.bus.StreamedEvent;
import io.vigil.bus.WireTime;
import io.vigil.config.StreamConfig;
import io.vigil.domain.Event;

import java.time.Clock;

/**
 * Numbers the allowlisted events for the live stream, keeps the last ones for resumes, and fans them out (with the
 * once-a-second statistics, which are not kept) to every SSE connection of this node. One instance per node, so
 * every HTTP instance sees the same ids.
 */
public final class StreamVerticle extends VerticleBase {
  private final StreamConfig config;
  private final Clock clock;
  private EventRing ring;

  public StreamVerticle(StreamConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    ring = new EventRing(config.ringSize(), clock.millis());
    for (String address : Addresses.STREAMED) {
      vertx.eventBus().<Event>consumer(address, m -> {
        Event event = m.body();
        StreamedEvent numbered = ring.append(event.type(), EventJson.toJson(event).encode());
        vertx.eventBus().publish(Addresses.STREAM_EVENT, numbered);
      });
    }
    vertx.eventBus().<QueueStatsUpdated>localConsumer(Addresses.QUEUE_STATS_UPDATED, m -> {
      JsonObject data = new JsonObject().put("at", WireTime.format(m.body().at()))
          .put("queues", new JsonArray(m.body().queues().stream().map(StatsJson::toJson).toList()));
      vertx.eventBus().publish(Addresses.STREAM_EVENT, new StreamedEvent(0, "queue.stats", data.encode()));
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.STREAM_SINCE, m -> {
      long after = m.body().getLong("after", 0L);
      JsonArray events = new JsonArray();
      ring.after(after).forEach(e -> events.add(new JsonObject().put("id", e.id()).put("name", e.name()).put("data", e.data())));
      m.reply(new JsonObject().put("events", events).put("missed", ring.missedSince(after)));
    });
    return Future.succeededFuture();
  }
}
