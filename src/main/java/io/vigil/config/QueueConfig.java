package io.vigil.config;

import java.time.Duration;

/** One named queue. */
public record QueueConfig(String name, int concurrency, double rateLimitPerSecond, Duration lease,
                          boolean extendLeases, Duration retention, int retentionMax) {

  public boolean rateLimited() {
    return rateLimitPerSecond > 0;
  }

  static QueueConfig read(ConfigReader r, String name) {
    String at = "queues." + name + ".";
    return new QueueConfig(name,
        r.integer(at + "concurrency", 1, 100_000),
        r.decimal(at + "rate_limit_per_second", 0, 1_000_000),
        r.millis(at + "lease_ms", 100, 24L * 3600 * 1000),
        r.bool(at + "extend_leases"),
        r.millis(at + "retention_ms", 0, 365L * 24 * 3600 * 1000),
        r.integer(at + "retention_max", 0, 100_000_000));
  }
}
