package io.vigil.queue;

import java.time.Duration;
import java.util.Map;

/**
 * What a backend needs to know beyond its connection.
 *
 * @param idempotencyWindow how long an idempotency key is remembered
 * @param retention         per queue: how long and how many finished tasks are kept
 * @param groupLimits       per queue: the fair-queue limits each group of it has (absent = unlimited)
 */
public record BackendSettings(Duration idempotencyWindow, Map<String, Retention> retention,
                              Map<String, GroupLimits> groupLimits) {

  public BackendSettings(Duration idempotencyWindow, Map<String, Retention> retention) {
    this(idempotencyWindow, retention, Map.of());
  }

  public record Retention(Duration age, int maxCount) {}

  /**
   * What each group of a queue may do: start at most {@code ratePerSecond} tasks a second (a bucket of one second's
   * worth, at least one) and hold at most {@code concurrency} tasks active; 0 = unlimited.
   */
  public record GroupLimits(double ratePerSecond, int concurrency) {
    public static final GroupLimits NONE = new GroupLimits(0, 0);
  }

  public GroupLimits groupLimitsOf(String queue) {
    return groupLimits.getOrDefault(queue, GroupLimits.NONE);
  }

  public static final Retention DEFAULT_RETENTION = new Retention(Duration.ofHours(24), 100_000);

  public Retention retentionOf(String queue) {
    return retention.getOrDefault(queue, DEFAULT_RETENTION);
  }
}
