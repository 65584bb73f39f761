package io.vigil.domain.alarm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How often a firing, unacknowledged alarm is repeated: {@code initial}, then each interval {@code factor} times the
 * one before, never more than {@code cap}. The default (5 m, ×2, cap 2 h) reminds at 5, 15, 35, 75, 155, 275...
 * minutes after the first notification. {@link #NONE} never reminds.
 */
public record ReminderPolicy(Duration initial, double factor, Duration cap) {
  public static final ReminderPolicy DEFAULT = new ReminderPolicy(Duration.ofMinutes(5), 2.0, Duration.ofHours(2));
  public static final ReminderPolicy NONE = new ReminderPolicy(Duration.ZERO, 1.0, Duration.ZERO);

  public ReminderPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(cap, "cap");
  }

  public boolean enabled() {
    return initial.compareTo(Duration.ZERO) > 0;
  }

  /** The wait after reminder number {@code step} (0 = the wait after the first notification). */
  public Duration interval(int step) {
    double millis = initial.toMillis() * Math.pow(factor, step);
    return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
  }

  /** Problems with this policy, each naming its field under {@code prefix} (e.g. {@code reminder.}). */
  List<String> problems(String prefix) {
    if (!enabled()) {
      return initial.isNegative() ? List.of(prefix + "initial: must not be negative (0 turns reminders off)") : List.of();
    }
    java.util.ArrayList<String> problems = new java.util.ArrayList<>();
    if (initial.compareTo(Duration.ofSeconds(10)) < 0) problems.add(prefix + "initial: must be at least 10s");
    if (!(factor >= 1.0 && factor <= 10.0)) problems.add(prefix + "factor: must be between 1 and 10");
    if (cap.compareTo(initial) < 0) problems.add(prefix + "cap: must not be shorter than initial");
    return problems;
  }
}
