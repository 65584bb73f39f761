package io.vigil.queue;

import io.vertx.core.Vertx;
import io.vigil.config.QueueConfig;
import io.vigil.config.VigilConfig;
import io.vigil.queue.memory.MemoryQueueBackend;
import io.vigil.queue.redis.RedisQueueBackend;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Picks the backend the configuration asks for: Redis when {@code redis.url} is set, memory otherwise. */
public final class QueueBackends {
  private QueueBackends() {}

  public static QueueBackend create(Vertx vertx, VigilConfig config, Clock clock) {
    BackendSettings settings = settings(config);
    if (config.redis().enabled()) {
      // scripts load on first use (NOSCRIPT), so building the backend needs no round trip
      Map<String, Double> rates = new LinkedHashMap<>();
      config.queues().values().forEach(q -> rates.put(q.name(), q.rateLimitPerSecond()));
      return new RedisQueueBackend(vertx, config.redis(), settings, rates, clock);
    }
    return new MemoryQueueBackend(clock, settings);
  }

  public static BackendSettings settings(VigilConfig config) {
    Map<String, BackendSettings.Retention> retention = new LinkedHashMap<>();
    for (QueueConfig queue : config.queues().values()) {
      retention.put(queue.name(), new BackendSettings.Retention(queue.retention(), queue.retentionMax()));
    }
    return new BackendSettings(config.queue().idempotencyWindow(), retention);
  }
}
