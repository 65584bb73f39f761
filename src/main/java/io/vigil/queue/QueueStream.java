package io.vigil.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.StatsJson;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;
import io.vigil.domain.Millis;

import java.util.List;

/** What the queue engine shows on the live stream: its facts, the statistics once per interval, and its snapshot. */
public final class QueueStream {
  private QueueStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(
        StreamRegistration.fact(Addresses.QUEUE_TASK_DEAD_LETTERED),
        StreamRegistration.fact(Addresses.QUEUE_TASK_CANCELLED),
        StreamRegistration.fact(Addresses.QUEUE_STATE_CHANGED),
        StreamRegistration.fact(Addresses.QUEUE_DEAD_LETTERS_REPLAYED),
        StreamRegistration.fact(Addresses.QUEUE_DEAD_LETTERS_PURGED),
        StreamRegistration.fact(Addresses.QUEUE_LEASE_REFUSED),
        StreamRegistration.fact(Addresses.QUEUE_BACKEND_LOST),
        StreamRegistration.fact(Addresses.QUEUE_BACKEND_RESTORED),
        StreamRegistration.ephemeral(Addresses.QUEUE_STATS_UPDATED, "queue.stats", stats -> new JsonObject()
            .put("at", Millis.format(stats.at()))
            .put("queues", new JsonArray(stats.queues().stream().map(StatsJson::toJson).toList())))),
        List.of(Addresses.QUEUES_SNAPSHOT));
  }
}
