package io.vigil.config;

import java.time.Duration;

/**
 * The history/audit writer, retention and the system-config cache.
 *
 * @param writesInFlight batches written at once (each on its own pooled connection)
 * @param bufferMax     rows held before back-pressure starts (consumers pause claiming); it stops at half of it
 * @param bufferHardMax rows held at most; beyond it new rows are refused, counted and logged (see docs/store.md)
 * @param writeTimeout  a write that has not answered by then counts as a lost connection
 * @param pingInterval  how often an idle writer checks that PostgreSQL still answers
 * @param alarmRetentionDays        resolved alarms (with their timelines) and ended silences are kept this long
 * @param notificationRetentionDays sent and dead outbox messages are kept this long
 * @param recoveryRetentionDays     recovery attempts are kept this long
 * @param rollupRetentionDays       probe roll-ups are kept this long (at least 30: the longest uptime window)
 */
public record StoreConfig(int batchSize, int writesInFlight, Duration flushInterval, int bufferMax, int bufferHardMax, Duration retryMax,
                          Duration writeTimeout, Duration pingInterval, int memoryMaxRows,
                          int auditRetentionDays, int taskRetentionDays, Duration retentionInterval,
                          int retentionBatch, Duration configCacheTtl, int alarmRetentionDays,
                          int notificationRetentionDays, int recoveryRetentionDays, int rollupRetentionDays) {

  /** Back-pressure ends once the buffer has drained below this. */
  public int bufferLowWater() {
    return bufferMax / 2;
  }

  static StoreConfig read(ConfigReader r) {
    int bufferMax = r.integer("store.buffer_max", 1, 100_000_000);
    int bufferHardMax = r.integer("store.buffer_hard_max", 1, 100_000_000);
    if (bufferHardMax < bufferMax) {
      r.problem("store.buffer_hard_max", bufferHardMax + " must be at least store.buffer_max (" + bufferMax + ")");
    }
    return new StoreConfig(
        r.integer("store.batch_size", 1, 100_000),
        r.integer("store.writes_in_flight", 1, 64),
        r.millis("store.flush_interval_ms", 1, 60_000),
        bufferMax,
        bufferHardMax,
        r.millis("store.retry_max_ms", 10, 600_000),
        r.millis("store.write_timeout_ms", 100, 600_000),
        r.millis("store.ping_interval_ms", 100, 600_000),
        r.integer("store.memory_max_rows", 1, 100_000_000),
        r.integer("store.audit_retention_days", 1, 3650),
        r.integer("store.task_retention_days", 1, 3650),
        r.millis("store.retention_interval_ms", 1_000, 7L * 24 * 3600 * 1000),
        r.integer("store.retention_batch", 1, 1_000_000),
        r.millis("store.config_cache_ttl_ms", 0, 24L * 3600 * 1000),
        r.integer("store.alarm_retention_days", 1, 3650),
        r.integer("store.notification_retention_days", 1, 3650),
        r.integer("store.recovery_retention_days", 1, 3650),
        r.integer("store.rollup_retention_days", 30, 3650));
  }
}
