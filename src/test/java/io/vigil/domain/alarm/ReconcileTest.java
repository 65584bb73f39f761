package io.vigil.domain.alarm;

import io.vigil.domain.alarm.NotificationIntent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.AlarmState.*;
import static io.vigil.domain.health.HealthStatus.HEALTHY;
import static io.vigil.domain.health.HealthStatus.UNHEALTHY;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restarted engine or a new leader rebuilt from the open alarms the store holds (the snapshots of decisions). */
class ReconcileTest {
  private final AlarmRule rule = backlog().forDuration(min(5)).build();
  private final EngineHarness h = new EngineHarness(ROUTING, rule);

  @Test
  void aRestartInTheMiddleOfForKeepsTheTimeTheBreachStarted() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.at(min(2));

    restart();
    h.clock.set(t(min(3)));
    h.sample(QUEUE_BACKLOG, 160, "queue", "orders");
    Decisions fired = h.at(min(5));

    assertThat(fired.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.alarm().id()).isEqualTo("alarm-1");
      assertThat(tr.to()).isEqualTo(FIRING);
    });
    assertThat(fired.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.FIRING);
  }

  @Test
  void aRestoredPendingAlarmWaitsForAFreshSampleBeforeItFires() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.at(min(2));

    restart();
    h.tickEvery(sec(30), min(8));

    assertThat(h.theAlarm().state()).isEqualTo(PENDING);
    assertThat(h.engine.nextWakeUp()).isEmpty();
  }

  @Test
  void aFiringUnacknowledgedAlarmContinuesWithoutASecondFiringMessageAndKeepsItsReminderTime() {
    fireAtFiveMinutes();
    h.tickEvery(min(1), min(12)); // first reminder at 10, the next due at 20
    assertThat(h.theAlarm().delivery().nextReminderAt()).isEqualTo(t(min(20)));

    Decisions restored = restart();
    h.clock.set(t(min(13)));
    h.sample(QUEUE_BACKLOG, 170, "queue", "orders");
    h.tickEvery(min(1), min(21));

    assertThat(restored.notifications()).isEmpty();
    assertThat(h.notifications()).extracting(NotificationIntent::kind, NotificationIntent::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.FIRING, t(min(5))),
        org.assertj.core.groups.Tuple.tuple(Kind.REMINDER, t(min(10))),
        org.assertj.core.groups.Tuple.tuple(Kind.REMINDER, t(min(20))));
    assertThat(h.notifications(Kind.REMINDER).get(1).keys()).containsExactly("alarm-1/reminder/2");
  }

  @Test
  void anAcknowledgedAlarmStaysAcknowledgedAndQuietAfterARestart() {
    fireAtFiveMinutes();
    h.record(h.engine.acknowledge("alarm-1", "ada", "on it"));

    restart();
    h.sample(QUEUE_BACKLOG, 170, "queue", "orders");
    h.tickEvery(min(1), Duration.ofHours(3));

    assertThat(h.theAlarm().state()).isEqualTo(ACKNOWLEDGED);
    assertThat(h.theAlarm().acknowledgedBy()).isEqualTo("ada");
    assertThat(h.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.FIRING);
  }

  @Test
  void anAlarmThatClearedWhileVigilWasDownGetsItsResolveSentOnce() {
    fireAtFiveMinutes();

    restart();
    h.clock.set(t(min(30)));
    h.sample(QUEUE_BACKLOG, 3, "queue", "orders");
    h.tickEvery(min(1), min(60));
    h.sample(QUEUE_BACKLOG, 2, "queue", "orders");

    assertThat(h.notifications(Kind.RESOLVED)).singleElement().satisfies(n -> {
      assertThat(n.at()).isEqualTo(t(min(32))); // clear_for 2 minutes from the fresh sample
      assertThat(n.keys()).containsExactly("alarm-1/resolved");
    });
    assertThat(h.engine.openAlarms()).isEmpty();
  }

  @Test
  void anAlarmRestoredWhileClearingKeepsItsClearingTimeButResolvesOnlyWhenAFreshSampleConfirmsIt() {
    fireAtFiveMinutes();
    h.clock.set(t(min(6)));
    h.sample(QUEUE_BACKLOG, 3, "queue", "orders"); // clearing since 6: due to resolve at 8
    h.clock.set(t(sec(6 * 60 + 30)));
    h.record(h.engine.acknowledge("alarm-1", "ada", "")); // a decision: the stored snapshot says clearing since 6

    restart();
    h.tickEvery(sec(10), min(9));
    assertThat(h.theAlarm().state()).isEqualTo(ACKNOWLEDGED);
    Decisions d = h.sample(QUEUE_BACKLOG, 2, "queue", "orders");

    assertThat(d.transitions()).extracting(AlarmTransition::to).containsExactly(RESOLVED);
    assertThat(d.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.RESOLVED);
  }

  @Test
  void aClearingCountdownNoDecisionRecordedStartsAgainFromTheFirstFreshSample() {
    fireAtFiveMinutes();
    h.clock.set(t(min(6)));
    h.sample(QUEUE_BACKLOG, 3, "queue", "orders"); // starting to clear is no decision: the store does not know

    restart();
    h.clock.set(t(min(9)));
    h.sample(QUEUE_BACKLOG, 2, "queue", "orders");
    h.tickEvery(sec(10), min(12));

    assertThat(h.notifications(Kind.RESOLVED)).singleElement()
        .satisfies(n -> assertThat(n.at()).isEqualTo(t(min(11))));
  }

  @Test
  void anAcknowledgedAlarmThatClearedWhileVigilWasDownIsResolvedToo() {
    fireAtFiveMinutes();
    h.record(h.engine.acknowledge("alarm-1", "ada", ""));

    restart();
    h.sample(QUEUE_BACKLOG, 3, "queue", "orders");
    h.advance(min(2));

    assertThat(h.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.FIRING, Kind.RESOLVED);
  }

  @Test
  void anAlarmWhoseRuleWasRemovedWhileVigilWasDownResolvesAtTheRestart() {
    fireAtFiveMinutes();

    Decisions restored = h.restart(List.of(), ROUTING, h.storedOpenAlarms(), List.of());

    assertThat(restored.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.to()).isEqualTo(RESOLVED);
      assertThat(tr.entry().note()).isEqualTo("rule no longer configured");
    });
    assertThat(restored.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.RESOLVED);
      assertThat(n.channels()).containsExactly("slack");
      assertThat(n.alarms().get(0).annotations()).containsEntry("summary", "Queue orders has 150 tasks waiting");
    });
  }

  @Test
  void aFiringAlarmWhoseMessageWasStillHeldByItsGroupWindowIsSentAtTheRestart() {
    AlarmRule grouped = backlog().forDuration(Duration.ZERO).groupWindow(sec(30)).build();
    EngineHarness g = new EngineHarness(ROUTING, grouped);
    g.sample(QUEUE_BACKLOG, 150, "queue", "a");
    g.clock.advance(sec(5));
    g.sample(QUEUE_BACKLOG, 150, "queue", "b"); // held

    Decisions restored = g.restart(List.of(grouped), ROUTING, g.storedOpenAlarms(), List.of());

    assertThat(restored.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.FIRING);
      assertThat(n.alarms()).extracting(a -> a.series().get("queue")).containsExactly("b");
    });
  }

  @Test
  void aSilenceThatEndedWhileVigilWasDownLiftsAtTheRestartAndTheAlarmIsSent() {
    Silence silence = new Silence("s1", List.of(LabelMatcher.parse("queue=orders")), t(min(0)), t(min(20)), "ada", "");
    h.record(h.engine.addSilence(silence));
    fireAtFiveMinutes();
    assertThat(h.notifications()).isEmpty();

    h.clock.set(t(min(40)));
    Decisions restored = h.restart(List.of(rule), ROUTING, h.storedOpenAlarms(), List.of(silence));

    assertThat(restored.flagChanges()).singleElement().satisfies(f -> assertThat(f.on()).isFalse());
    assertThat(restored.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.FIRING);
  }

  @Test
  void aSuppressedAlarmStaysSuppressedUntilItsComponentAndParentsAreReportedAgain() {
    AlarmRule down = componentDown().build();
    EngineHarness c = new EngineHarness(ROUTING, down);
    c.component("database", "postgres", UNHEALTHY);
    c.component("workers", "eventbus", UNHEALTHY, "database");
    c.restart(List.of(down), ROUTING, c.storedOpenAlarms(), List.of());

    c.component("workers", "eventbus", UNHEALTHY, "database");
    assertThat(c.engine.openAlarms()).filteredOn(Alarm::suppressed).hasSize(1);
    Decisions recovered = c.component("database", "postgres", HEALTHY);

    assertThat(recovered.notifications()).extracting(n -> n.alarms().get(0).series().get("component"), NotificationIntent::kind)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("database", Kind.RESOLVED),
            org.assertj.core.groups.Tuple.tuple("workers", Kind.FIRING));
  }

  @Test
  void aFiringAlarmRestoredAfterARestartDoesNotAskForAStopAgain() {
    AlarmRule stopping = componentDown().stop(true).build();
    EngineHarness s = new EngineHarness(ROUTING, stopping);
    s.component("database", "postgres", UNHEALTHY);

    s.restart(List.of(stopping), ROUTING, s.storedOpenAlarms(), List.of());
    s.component("database", "postgres", UNHEALTHY);
    s.advance(min(10));

    assertThat(s.log).filteredOn(StopRequest.class::isInstance).hasSize(1);
  }

  @Test
  void restoreRefusesAnEngineAlreadyInUseAndTwoOpenAlarmsForOneFingerprint() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    assertThatThrownBy(() -> h.engine.restore(h.storedOpenAlarms(), List.of())).isInstanceOf(IllegalStateException.class);

    Alarm open = h.storedOpenAlarms().get(0);
    Alarm twin = new Alarm("alarm-99", open.fingerprint(), open.rule(), open.metric(), open.series(), open.labels(),
        open.annotations(), open.severity(), open.state(), open.value(), open.valueAt(), open.startsAt(), null, null,
        null, null, null, false, false, Delivery.NONE, null, open.updatedAt());
    AlarmEngine fresh = new AlarmEngine(List.of(rule), ROUTING, h.clock);
    assertThatThrownBy(() -> fresh.restore(List.of(open, twin), List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(open.fingerprint());
    assertThat(fresh.openAlarms()).as("a refused restore leaves the engine fresh").isEmpty();
  }

  private void fireAtFiveMinutes() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.at(min(5));
    assertThat(h.theAlarm().state()).isEqualTo(FIRING);
  }

  private Decisions restart() {
    return h.restart(List.of(rule), ROUTING, h.storedOpenAlarms(), List.of());
  }
}
