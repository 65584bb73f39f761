package io.vigil.queue;

import io.vertx.core.Vertx;
import io.vigil.config.QueueConfig;
import io.vigil.config.QueueSlice;
import io.vigil.queue.memory.MemoryQueueBackend;
import io.vigil.queue.redis.RedisQueueBackend;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Picks the backend the configuration asks for: Redis when {@code redis.url} is set, memory otherwise. */
public final class QueueBackends {
  private QueueBackends() {}

  public static QueueBackend create(Vertx vertx, QueueSlice config, Clock clock) {
    BackendSettings settings = settings(config);
    if (config.redis().enabled()) {
      // scripts load on first use (NOSCRIPT), so building the backend needs no round trip
      return new RedisQueueBackend(vertx, config.redis(), settings, rates(config), clock);
    }
    return new MemoryQueueBackend(clock, settings);
  }

  /** Each queue's rate limit, which the Redis backend enforces cluster-wide in its claim script. */
  public static Map<String, Double> rates(QueueSlice config) {
    Map<String, Double> rates = new LinkedHashMap<>();
    config.queues().values().forEach(q -> rates.put(q.name(), q.rateLimitPerSecond()));
    return rates;
  }

  public static BackendSettings settings(QueueSlice config) {
    Map<String, BackendSettings.Retention> retention = new LinkedHashMap<>();
    Map<String, BackendSettings.GroupLimits> groupLimits = new LinkedHashMap<>();
    for (QueueConfig queue : config.queues().values()) {
      retention.put(queue.name(), new BackendSettings.Retention(queue.retention(), queue.retentionMax()));
      groupLimits.put(queue.name(), new BackendSettings.GroupLimits(queue.groupRateLimitPerSecond(),
          queue.groupConcurrency()));
    }
    return new BackendSettings(config.queue().idempotencyWindow(), retention, groupLimits);
  }
}
