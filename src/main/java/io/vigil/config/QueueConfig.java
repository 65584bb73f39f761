package io.vigil.config;

import java.time.Duration;

/**
 * One named queue.
 *
 * @param groupRateLimitPerSecond tasks each group (a task's {@code group} key) may start per second; 0 = unlimited
 * @param groupConcurrency        tasks of one group active at once, cluster-wide; 0 = unlimited
 */
public record QueueConfig(String name, int concurrency, double rateLimitPerSecond, Duration lease,
                          boolean extendLeases, Duration retention, int retentionMax,
                          double groupRateLimitPerSecond, int groupConcurrency) {

  public QueueConfig(String name, int concurrency, double rateLimitPerSecond, Duration lease, boolean extendLeases,
                     Duration retention, int retentionMax) {
    this(name, concurrency, rateLimitPerSecond, lease, extendLeases, retention, retentionMax, 0, 0);
  }

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
        q.integer("retention_max", 0, 100_000_000),
        q.decimal("group_rate_limit_per_second", 0, 1_000_000),
        q.integer("group_concurrency", 0, 100_000));
  }
}
