package io.vigil.config;

import java.time.Duration;

/** One named queue. */
public record QueueConfig(String name, int concurrency, double rateLimitPerSecond, Duration lease,
                          boolean extendLeases, Duration retention, int retentionMax) {

  public boolean rateLimited() {
    return rateLimitPerSecond > 0;
  }

  /** {@code q} is the queue's node ({@code queues.<name>}), which takes what it does not set from {@code queue_defaults}. */
  static QueueConfig read(ConfigReader q, String name) {
    return new QueueConfig(name,
        q.integer("concurrency", 1, 100_000),
        q.decimal("rate_limit_per_second", 0, 1_000_000),
        q.millis("lease_ms", 100, 24L * 3600 * 1000),
        q.bool("extend_leases"),
        q.millis("retention_ms", 0, 365L * 24 * 3600 * 1000),
        q.integer("retention_max", 0, 100_000_000));
  }
}
