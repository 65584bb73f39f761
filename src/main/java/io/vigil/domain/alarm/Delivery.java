package io.vigil.domain.alarm;

import java.time.Instant;
import java.util.List;

/**
 * What has been sent about an alarm — kept in its snapshot so a restarted or new leader continues where the last
 * one stopped (no second firing message, the next reminder at the time already planned, the resolve to everyone
 * told).
 *
 * @param notified        the firing notification went out (so a resolve must follow)
 * @param lastNotifiedAt  null until the first notification
 * @param reminderStep    reminders sent so far
 * @param nextReminderAt  null when no reminder is planned (not notified yet, acknowledged, or reminders off)
 * @param escalationLevel tiers reached so far (0 = none)
 * @param told            every channel that received something about this alarm, in order
 */
public record Delivery(boolean notified, Instant lastNotifiedAt, int reminderStep, Instant nextReminderAt,
                       int escalationLevel, List<String> told) {
  public static final Delivery NONE = new Delivery(false, null, 0, null, 0, List.of());

  public Delivery {
    told = List.copyOf(told);
  }
}
