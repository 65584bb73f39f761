package io.vigil.queue;

import java.time.Duration;
import java.util.Map;

/**
 * What a backend needs to know beyond its connection.
 *
 * @param idempotencyWindow how long an idempotency key is remembered
 * @param retention         per queue: how long and how many finished tasks are kept
 */
public record BackendSettings(Duration idempotencyWindow, Map<String, Retention> retention) {

  public record Retention(Duration age, int maxCount) {}

  public static final Retention DEFAULT_RETENTION = new Retention(Duration.ofHours(24), 100_000);

  public Retention retentionOf(String queue) {
    return retention.getOrDefault(queue, DEFAULT_RETENTION);
  }
}
