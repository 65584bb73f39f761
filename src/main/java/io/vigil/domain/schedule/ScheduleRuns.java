package io.vigil.domain.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * The idempotency key of a schedule's run: {@code schedule:<id>@<due time in epoch ms>}. One key per due time, so a
 * repeated enqueue (a new leader, a restart between enqueue and recording it) returns the task already placed; the
 * key is kept in history, so every run is linked to its schedule.
 */
public final class ScheduleRuns {
  public static final String PREFIX = "schedule:";

  private ScheduleRuns() {}

  public static String key(String scheduleId, Instant due) {
    return PREFIX + scheduleId + "@" + due.toEpochMilli();
  }

  /** The schedule a task's idempotency key names, if it is a schedule's run. */
  public static Optional<String> scheduleOf(String idempotencyKey) {
    if (idempotencyKey == null || !idempotencyKey.startsWith(PREFIX)) return Optional.empty();
    int at = idempotencyKey.lastIndexOf('@');
    return at <= PREFIX.length() ? Optional.empty() : Optional.of(idempotencyKey.substring(PREFIX.length(), at));
  }
}
