package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.QueueStats;

/** Queue statistics as the API and the stream show them. */
public final class StatsJson {
  private StatsJson() {}

  public static JsonObject toJson(QueueStats stats) {
    return new JsonObject()
        .put("queue", stats.queue())
        .put("paused", stats.paused())
        .put("waiting", stats.waiting())
        .put("delayed", stats.delayed())
        .put("active", stats.active())
        .put("completed", stats.completed())
        .put("retrying", stats.retrying())
        .put("dead", stats.dead())
        .put("throughput_per_minute", stats.throughputPerMinute())
        .put("error_rate", stats.errorRate())
        .put("oldest_waiting_age_ms", stats.oldestWaitingAgeMs())
        .put("last_completed_at", Json.time(stats.lastCompletedAt()));
  }
}
