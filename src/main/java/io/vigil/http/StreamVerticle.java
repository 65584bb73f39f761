package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.EventJson;
import io.vigil.bus.Facts;
import io.vigil.bus.StatsJson;
import io.vigil.bus.StreamedEvent;
import io.vigil.config.StreamConfig;
import io.vigil.domain.Event;

import java.time.Clock;

/**
 * Numbers the allowlisted events for the live stream, keeps the last ones for resumes, and fans them out (with the
 * once-a-second statistics, which are not kept) to every SSE connection of this node. One instance per node, so
 * every HTTP instance sees the same ids; the ids are this node's own, and {@code vigil.stream.since} is node-local,
 * so a client resuming on a node never gets another node's numbering.
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
    for (Address<Event> address : Addresses.STREAMED) {
      Facts.listen(vertx.eventBus(), address, event -> {
        StreamedEvent numbered = ring.append(event.type(), EventJson.toJson(event).encode());
        Facts.publish(vertx.eventBus(), Addresses.STREAM_EVENT, numbered);
      });
    }
    Facts.listen(vertx.eventBus(), Addresses.QUEUE_STATS_UPDATED, stats -> {
      JsonObject data = new JsonObject().put("at", stats.at().toString())
          .put("queues", new JsonArray(stats.queues().stream().map(StatsJson::toJson).toList()));
      Facts.publish(vertx.eventBus(), Addresses.STREAM_EVENT, new StreamedEvent(0, "queue.stats", data.encode()));
    });
    Commands.bind(vertx.eventBus(), Addresses.STREAM_SINCE, (q, m) -> {
      long after = q.getLong("after", 0L);
      JsonArray events = new JsonArray();
      ring.after(after).forEach(e -> events.add(new JsonObject().put("id", e.id()).put("name", e.name()).put("data", e.data())));
      return Future.succeededFuture(new JsonObject().put("events", events).put("missed", ring.missedSince(after)));
    });
    return Future.succeededFuture();
  }
}
