package io.vigil.domain.alarm;

import io.vigil.domain.alarm.FlagChange.Flag;
import io.vigil.domain.alarm.NotificationIntent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.AlarmState.FIRING;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilencesTest {
  private final EngineHarness h = new EngineHarness(ROUTING, backlog().build());

  @Test
  void aSilencedAlarmStillPendsFiresAndShowsButSendsNothing() {
    silence("s1", "queue=orders", min(0), Duration.ofHours(1));

    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    Decisions fired = h.advance(min(1));

    assertThat(fired.transitions()).extracting(AlarmTransition::to).containsExactly(FIRING);
    assertThat(h.theAlarm().silenced()).isTrue();
    assertThat(h.log).filteredOn(FlagChange.class::isInstance).map(d -> ((FlagChange) d).entry().note())
        .containsExactly("silence s1");
    h.tickEvery(min(1), min(59));
    assertThat(h.notifications()).isEmpty();
  }

  @Test
  void whenASilenceEndsOnAnAlarmStillFiringItIsSentAtThatMoment() {
    silence("s1", "queue=orders", min(0), Duration.ofHours(1));
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    h.tickEvery(min(1), Duration.ofHours(1));

    assertThat(h.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.FIRING);
      assertThat(n.at()).isEqualTo(t(Duration.ofHours(1)));
    });
    assertThat(h.theAlarm().silenced()).isFalse();
    assertThat(h.engine.silences()).isEmpty();
    assertThat(h.theAlarm().delivery().nextReminderAt()).isEqualTo(t(min(65)));
  }

  @Test
  void aSilenceStartingLaterMutesOnlyFromItsStart() {
    silence("s1", "queue=orders", min(20), min(60));
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    h.tickEvery(min(1), min(90));

    // firing at 1, reminder at 6; silenced 20..60 (the reminder due at 16 went out, the one due at 36 did not);
    // at 60 a reminder "still firing", then the schedule goes on from there (step 3: +40 minutes)
    assertThat(h.notifications()).extracting(NotificationIntent::kind, NotificationIntent::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.FIRING, t(min(1))),
        org.assertj.core.groups.Tuple.tuple(Kind.REMINDER, t(min(6))),
        org.assertj.core.groups.Tuple.tuple(Kind.REMINDER, t(min(16))),
        org.assertj.core.groups.Tuple.tuple(Kind.REMINDER, t(min(60))));
    assertThat(h.notifications(Kind.REMINDER).get(2).entries().get(0).note()).contains("silence ended");
    assertThat(h.theAlarm().delivery().nextReminderAt()).isEqualTo(t(min(100)));
  }

  @Test
  void aSilenceOnlyMutesAlarmsAllItsMatchersMatch() {
    silence("s1", "queue=~\"bill.*\"", min(0), Duration.ofHours(1));

    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.sample(QUEUE_BACKLOG, 150, "queue", "billing");
    h.advance(min(1));

    assertThat(h.engine.openAlarms()).extracting(a -> a.series().get("queue"), Alarm::silenced)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("orders", false),
            org.assertj.core.groups.Tuple.tuple("billing", true));
    assertThat(h.notifications()).flatExtracting(NotificationIntent::alarms)
        .extracting(a -> a.series().get("queue")).containsExactly("orders");
  }

  @Test
  void silencesMatchTheRuleNameAndSeverityLabelsToo() {
    silence("s1", "severity=warning", min(0), Duration.ofHours(1));

    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.advance(min(1));

    assertThat(h.theAlarm().silenced()).isTrue();
    assertThat(h.notifications()).isEmpty();
  }

  @Test
  void aNotifiedAlarmThatIsSilencedAndThenResolvesStillSendsItsResolve() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.advance(min(1));
    silence("s1", "queue=orders", min(1), Duration.ofHours(1));

    h.sample(QUEUE_BACKLOG, 10, "queue", "orders");
    h.advance(min(2));

    assertThat(h.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.FIRING, Kind.RESOLVED);
    assertThat(h.notifications(Kind.RESOLVED).get(0).alarms().get(0).silenced()).isTrue();
  }

  @Test
  void aSilencedAlarmThatWasNeverSentResolvesWithoutAMessage() {
    silence("s1", "queue=orders", min(0), Duration.ofHours(1));
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.advance(min(1));

    h.sample(QUEUE_BACKLOG, 10, "queue", "orders");
    h.advance(min(2));

    assertThat(h.engine.openAlarms()).isEmpty();
    assertThat(h.notifications()).isEmpty();
  }

  @Test
  void removingASilenceEarlySendsTheFiringAlarmAtOnce() {
    silence("s1", "queue=orders", min(0), Duration.ofHours(1));
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.advance(min(10));

    Decisions d = h.record(h.engine.removeSilence("s1"));

    assertThat(d.flagChanges()).singleElement().satisfies(f -> {
      assertThat(f.flag()).isEqualTo(Flag.SILENCED);
      assertThat(f.on()).isFalse();
    });
    assertThat(d.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.FIRING);
  }

  @Test
  void anAcknowledgedAlarmIsNotSentWhenItsSilenceEnds() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.advance(min(1));
    h.record(h.engine.acknowledge("alarm-1", "ada", ""));
    silence("s1", "queue=orders", min(1), min(30));

    h.tickEvery(min(1), min(40));

    assertThat(h.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.FIRING);
  }

  @Test
  void aSilenceMustNameSomethingAndEndAfterItStarts() {
    Instant now = h.now();
    assertThatThrownBy(() -> new Silence("s", List.of(LabelMatcher.parse("queue=~.*")), now, now.plusSeconds(60),
        "ada", "")).isInstanceOf(InvalidRuleException.class).hasMessageContaining("matchers: would silence every alarm");
    assertThatThrownBy(() -> new Silence("s", List.of(LabelMatcher.parse("queue=a")), now, now, "", ""))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("ends_at: must be after starts_at")
        .hasMessageContaining("created_by: required");
  }

  private void silence(String id, String matcher, Duration from, Duration to) {
    h.record(h.engine.addSilence(new Silence(id, List.of(LabelMatcher.parse(matcher)), t(from), t(to), "ada",
        "maintenance")));
  }
}
