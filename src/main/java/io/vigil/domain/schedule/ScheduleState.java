package io.vigil.domain.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * What a schedule has done, as the store keeps it (so a new leader or a restarted node carries on).
 *
 * @param cursor     every due time up to and including it is handled (enqueued or skipped)
 * @param lastDue    the last due time that was enqueued; null before the first
 * @param lastTaskId the task enqueued for {@code lastDue}; null before the first
 * @param skipped    due times skipped so far (overlap, or missed with {@code catch_up: none})
 */
public record ScheduleState(String id, Instant cursor, Instant lastDue, String lastTaskId, long skipped) {
  public ScheduleState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cursor, "cursor");
  }

  /** A schedule seen for the first time: nothing before {@code now} is due. */
  public static ScheduleState fresh(String id, Instant now) {
    return new ScheduleState(id, now, null, null, 0);
  }
}
