package io.vigil.domain.alarm;

import io.vigil.domain.Severity;
import io.vigil.domain.alarm.NotificationIntent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.vigil.domain.alarm.AlarmMetrics.COMPONENT_STATUS;
import static io.vigil.domain.alarm.AlarmMetrics.NOTIFY_FAILURES;
import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

class RemindersAndEscalationTest {

  @Test
  void remindersBackOffFromFiveMinutesAndAreCappedAtTwoHours() {
    EngineHarness h = firingAtT0(backlog().forDuration(Duration.ZERO).build());

    h.tickEvery(min(1), min(400));

    assertThat(reminderTimes(h)).containsExactly(
        t(min(5)), t(min(15)), t(min(35)), t(min(75)), t(min(155)), t(min(275)), t(min(395)));
    assertThat(h.notifications(Kind.REMINDER)).extracting(n -> n.keys().get(0))
        .startsWith("alarm-1/reminder/1", "alarm-1/reminder/2");
  }

  @Test
  void aLateTickSendsTheReminderLateButDoesNotShiftTheOnesAfterIt() {
    EngineHarness h = firingAtT0(backlog().forDuration(Duration.ZERO).build());

    h.at(sec(5 * 60 + 40));
    h.tickEvery(sec(10), min(16));

    assertThat(reminderTimes(h)).containsExactly(t(sec(5 * 60 + 40)), t(min(15)));
  }

  @Test
  void aRulesOwnReminderPolicyIsUsed() {
    EngineHarness h = firingAtT0(backlog().forDuration(Duration.ZERO)
        .reminder(new ReminderPolicy(min(1), 3, min(10))).build());

    h.tickEvery(sec(30), min(30));

    // waits 1, 3, 9, 10, 10: at 1, 4, 13, 23 minutes
    assertThat(reminderTimes(h)).containsExactly(t(min(1)), t(min(4)), t(min(13)), t(min(23)));
  }

  @Test
  void aRuleWithoutRemindersNeverRepeats() {
    EngineHarness h = firingAtT0(backlog().forDuration(Duration.ZERO).reminder(ReminderPolicy.NONE).build());

    h.tickEvery(min(1), Duration.ofHours(6));

    assertThat(h.notifications(Kind.REMINDER)).isEmpty();
    assertThat(h.theAlarm().delivery().nextReminderAt()).isNull();
  }

  @Test
  void acknowledgingStopsReminders() {
    EngineHarness h = firingAtT0(backlog().forDuration(Duration.ZERO).build());
    h.tickEvery(min(1), min(7));
    h.record(h.engine.acknowledge("alarm-1", "ada", "on it"));

    h.tickEvery(min(1), Duration.ofHours(5));

    assertThat(reminderTimes(h)).containsExactly(t(min(5)));
    assertThat(h.theAlarm().delivery().nextReminderAt()).isNull();
  }

  @Test
  void aCriticalAlarmNotAcknowledgedEscalatesTierByTierAtTheConfiguredTimes() {
    EngineHarness h = firingAtT0(critical()
        .escalate(EscalationTier.after(min(15), "pager"))
        .escalate(EscalationTier.after(min(30), "phone", "email")).build());

    h.tickEvery(sec(20), min(40));

    assertThat(h.notifications(Kind.ESCALATION)).extracting(NotificationIntent::at, NotificationIntent::tier,
            NotificationIntent::channels)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(t(min(15)), 1, List.of("pager")),
            org.assertj.core.groups.Tuple.tuple(t(min(30)), 2, List.of("phone", "email")));
    assertThat(h.theAlarm().delivery().escalationLevel()).isEqualTo(2);
  }

  @Test
  void remindersAndTheResolveReachEveryTierAlreadyEscalatedTo() {
    EngineHarness h = firingAtT0(critical().escalate(EscalationTier.after(min(10), "pager")).build());
    h.tickEvery(min(1), min(16));

    assertThat(h.notifications(Kind.REMINDER)).extracting(NotificationIntent::at, NotificationIntent::channels)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(t(min(5)), List.of("slack", "telegram")),
            org.assertj.core.groups.Tuple.tuple(t(min(15)), List.of("slack", "telegram", "pager")));

    h.sample(COMPONENT_STATUS, 0, "component", "db");

    assertThat(h.notifications(Kind.RESOLVED)).singleElement()
        .satisfies(n -> assertThat(n.channels()).containsExactly("slack", "telegram", "pager"));
  }

  @Test
  void anAcknowledgementBeforeTheTierIsDueMeansNoEscalation() {
    EngineHarness h = firingAtT0(critical().escalate(EscalationTier.after(min(15), "pager")).build());
    h.at(min(14));
    h.record(h.engine.acknowledge("alarm-1", "ada", ""));

    h.tickEvery(min(1), Duration.ofHours(2));

    assertThat(h.notifications(Kind.ESCALATION)).isEmpty();
  }

  @Test
  void anAcknowledgementBetweenTiersStopsTheLaterTiers() {
    EngineHarness h = firingAtT0(critical()
        .escalate(EscalationTier.after(min(15), "pager"))
        .escalate(EscalationTier.after(min(30), "phone")).build());
    h.at(min(20));
    h.record(h.engine.acknowledge("alarm-1", "ada", ""));

    h.tickEvery(min(1), Duration.ofHours(2));

    assertThat(h.notifications(Kind.ESCALATION)).extracting(NotificationIntent::tier).containsExactly(1);
  }

  @Test
  void aTickLateByMoreThanOneTierSendsEachTierOnce() {
    EngineHarness h = firingAtT0(critical()
        .escalate(EscalationTier.after(min(15), "pager"))
        .escalate(EscalationTier.after(min(30), "phone")).build());

    h.at(min(45));
    h.at(min(46));

    assertThat(h.notifications(Kind.ESCALATION)).extracting(NotificationIntent::tier).containsExactly(1, 2);
  }

  @Test
  void tiersComeFromTheRoutingBySeverityWhenTheRuleHasNone() {
    Routing routing = new Routing(ROUTING.channels(),
        Map.of(Severity.CRITICAL, List.of(EscalationTier.after(min(10), "lead"))));
    EngineHarness h = new EngineHarness(routing, critical().build());
    h.sample(COMPONENT_STATUS, 2, "component", "db");

    h.tickEvery(min(1), min(11));

    assertThat(h.notifications(Kind.ESCALATION)).singleElement().satisfies(n -> {
      assertThat(n.at()).isEqualTo(t(min(10)));
      assertThat(n.channels()).containsExactly("lead");
    });
  }

  @Test
  void anAlarmAboutAChannelIsNotSentToThatChannel() {
    AlarmRule failing = AlarmRule.builder("channel-failing").metric(NOTIFY_FAILURES).when(Comparison.GE, 3)
        .severity(Severity.CRITICAL).groupWindow(Duration.ZERO).summary("{{channel}} fails").build();
    EngineHarness h = new EngineHarness(ROUTING, failing);

    h.sample(NOTIFY_FAILURES, 3, "channel", "slack");

    assertThat(h.notifications(Kind.FIRING)).singleElement()
        .satisfies(n -> assertThat(n.channels()).containsExactly("telegram"));
  }

  private static AlarmRule.Builder critical() {
    return componentDown();
  }

  private static EngineHarness firingAtT0(AlarmRule rule) {
    EngineHarness h = new EngineHarness(ROUTING, rule);
    if (rule.metric().equals(QUEUE_BACKLOG)) {
      h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    } else {
      h.sample(COMPONENT_STATUS, 2, "component", "db");
    }
    assertThat(h.notifications(Kind.FIRING)).hasSize(1);
    return h;
  }

  private static List<Instant> reminderTimes(EngineHarness h) {
    return h.notifications(Kind.REMINDER).stream().map(NotificationIntent::at).toList();
  }
}
