package io.vigil.domain.alarm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderPolicyTest {

  @Test
  void theDefaultWaitsDoubleFromFiveMinutesUpToTwoHours() {
    ReminderPolicy p = ReminderPolicy.DEFAULT;

    assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(p::interval).map(Duration::toMinutes))
        .containsExactly(5L, 10L, 20L, 40L, 80L, 120L, 120L, 120L);
  }

  @Test
  void noneIsOff() {
    assertThat(ReminderPolicy.NONE.enabled()).isFalse();
    assertThat(ReminderPolicy.NONE.problems("reminder.")).isEmpty();
  }

  @Test
  void aBadPolicyNamesEachField() {
    ReminderPolicy bad = new ReminderPolicy(Duration.ofSeconds(1), 0.5, Duration.ZERO.plusMillis(500));

    assertThat(bad.problems("reminder.")).containsExactly(
        "reminder.initial: must be at least 10s",
        "reminder.factor: must be between 1 and 10",
        "reminder.cap: must not be shorter than initial");
  }
}
