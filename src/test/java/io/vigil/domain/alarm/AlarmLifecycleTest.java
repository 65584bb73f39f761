package io.vigil.domain.alarm;

import io.vigil.domain.IllegalTransitionException;
import io.vigil.domain.alarm.NotificationIntent.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.AlarmState.*;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlarmLifecycleTest {
  private final EngineHarness h = new EngineHarness(ROUTING, backlog().build());

  @Test
  void aBreachOpensAPendingAlarmInTheCallThatBringsIt() {
    Decisions d = h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    assertThat(d.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.opened()).isTrue();
      assertThat(tr.to()).isEqualTo(PENDING);
      assertThat(tr.alarm().value()).isEqualTo(150);
      assertThat(tr.alarm().startsAt()).isEqualTo(EngineHarness.T0);
      assertThat(tr.alarm().labels().asMap())
          .containsEntry("queue", "orders").containsEntry("rule", "backlog").containsEntry("severity", "warning");
      assertThat(tr.alarm().annotations()).containsEntry("summary", "Queue orders has 150 tasks waiting");
    });
    assertThat(d.notifications()).isEmpty();
  }

  @Test
  void anAlarmFiresWhenTheBreachHasHeldForItsForDuration() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    assertThat(h.advance(sec(59)).transitions()).isEmpty();

    Decisions d = h.advance(sec(1));

    assertThat(d.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.from()).isEqualTo(PENDING);
      assertThat(tr.to()).isEqualTo(FIRING);
      assertThat(tr.alarm().firedAt()).isEqualTo(t(min(1)));
    });
    assertThat(d.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.FIRING);
      assertThat(n.channels()).containsExactly("slack");
      assertThat(n.alarms()).extracting(Alarm::state).containsExactly(FIRING);
      assertThat(n.keys()).containsExactly("alarm-1/firing");
    });
  }

  @Test
  void aSampleArrivingAfterTheForDurationFiresWithoutWaitingForATick() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.clock.advance(min(2));

    Decisions d = h.sample(QUEUE_BACKLOG, 160, "queue", "orders");

    assertThat(d.transitions()).extracting(AlarmTransition::to).containsExactly(FIRING);
  }

  @Test
  void aPendingAlarmWhoseValueStopsBreachingResolvesWithoutAnyMessage() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.clock.advance(sec(30));

    Decisions d = h.sample(QUEUE_BACKLOG, 100, "queue", "orders");

    assertThat(d.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.from()).isEqualTo(PENDING);
      assertThat(tr.to()).isEqualTo(RESOLVED);
    });
    assertThat(h.advance(min(5)).isEmpty()).isTrue();
    assertThat(h.notifications()).isEmpty();
    assertThat(h.engine.openAlarms()).isEmpty();
  }

  @Test
  void theForDurationRestartsWhenTheBreachIsInterrupted() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.clock.advance(sec(40));
    h.sample(QUEUE_BACKLOG, 90, "queue", "orders");
    h.clock.advance(sec(10));
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    assertThat(h.at(sec(60 + 30)).transitions()).isEmpty();
    assertThat(h.at(sec(50 + 60)).transitions()).extracting(AlarmTransition::to).containsExactly(FIRING);
  }

  @Test
  void aValueAboveTheClearThresholdKeepsAFiringAlarmFiring() {
    fireBacklogAlarm();

    h.sample(QUEUE_BACKLOG, 90, "queue", "orders"); // below the threshold, above the clear threshold
    h.advance(min(30));

    assertThat(h.theAlarm().state()).isEqualTo(FIRING);
    assertThat(h.theAlarm().clearingSince()).isNull();
  }

  @Test
  void aFiringAlarmResolvesOnlyAfterTheValueStayedClearForClearFor() {
    fireBacklogAlarm();
    h.sample(QUEUE_BACKLOG, 50, "queue", "orders");
    assertThat(h.theAlarm().clearingSince()).isEqualTo(h.now());

    assertThat(h.advance(sec(119)).transitions()).isEmpty();
    Decisions d = h.advance(sec(1));

    assertThat(d.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.to()).isEqualTo(RESOLVED);
      assertThat(tr.alarm().resolvedBy()).isEqualTo(TimelineEntry.ENGINE);
    });
    assertThat(d.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.RESOLVED);
      assertThat(n.channels()).containsExactly("slack");
      assertThat(n.keys()).containsExactly("alarm-1/resolved");
    });
  }

  @Test
  void aBriefDipBelowTheClearThresholdDoesNotResolve() {
    fireBacklogAlarm();
    h.sample(QUEUE_BACKLOG, 50, "queue", "orders");
    h.clock.advance(min(1));
    h.sample(QUEUE_BACKLOG, 85, "queue", "orders");

    h.advance(min(10));

    assertThat(h.theAlarm().state()).isEqualTo(FIRING);
    assertThat(h.notifications(Kind.RESOLVED)).isEmpty();
  }

  @Test
  void oneSeriesHasAtMostOneOpenAlarmHoweverOftenItBreaches() {
    for (int i = 0; i < 10; i++) {
      h.sample(QUEUE_BACKLOG, 150 + i, "queue", "orders");
      h.advance(sec(30));
    }

    assertThat(h.engine.openAlarms()).singleElement().satisfies(a -> assertThat(a.value()).isEqualTo(159));
    assertThat(h.notifications(Kind.FIRING)).hasSize(1);
  }

  @Test
  void eachSeriesGetsItsOwnAlarmWithItsOwnFingerprint() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.sample(QUEUE_BACKLOG, 150, "queue", "billing");

    assertThat(h.engine.openAlarms()).extracting(Alarm::fingerprint).doesNotHaveDuplicates().hasSize(2);
    assertThat(h.engine.openAlarms()).extracting(a -> a.fingerprint())
        .contains(Fingerprints.of("backlog", Labels.of("queue", "orders")));
  }

  @Test
  void aBreachAfterAResolveOpensANewAlarmWithTheSameFingerprint() {
    fireBacklogAlarm();
    String first = h.theAlarm().fingerprint();
    h.sample(QUEUE_BACKLOG, 10, "queue", "orders");
    h.advance(min(2));

    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    assertThat(h.theAlarm().id()).isEqualTo("alarm-2");
    assertThat(h.theAlarm().fingerprint()).isEqualTo(first);
  }

  @Test
  void acknowledgingRecordsWhoAndWhy() {
    fireBacklogAlarm();

    Decisions d = h.record(h.engine.acknowledge("alarm-1", "ada", "looking at the workers"));

    assertThat(d.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.to()).isEqualTo(ACKNOWLEDGED);
      assertThat(tr.alarm().acknowledgedBy()).isEqualTo("ada");
      assertThat(tr.entry().actor()).isEqualTo("ada");
      assertThat(tr.entry().note()).isEqualTo("looking at the workers");
    });
  }

  @Test
  void onlyAFiringAlarmCanBeAcknowledged() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    assertThatThrownBy(() -> h.engine.acknowledge("alarm-1", "ada", ""))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> h.engine.acknowledge("nope", "ada", ""))
        .isInstanceOf(AlarmNotFoundException.class);
  }

  @Test
  void anAcknowledgementNeedsSomeoneWhoAcknowledges() {
    fireBacklogAlarm();

    assertThatThrownBy(() -> h.engine.acknowledge("alarm-1", " ", "")).hasMessage("actor: required");
    assertThat(h.theAlarm().state()).isEqualTo(FIRING);
  }

  @Test
  void aRefusedAcknowledgementLosesNoOtherDecision() {
    AlarmRule grouped = backlog().forDuration(min(0)).groupWindow(sec(30)).build();
    EngineHarness g = new EngineHarness(ROUTING, grouped);
    g.sample(QUEUE_BACKLOG, 150, "queue", "a");
    g.clock.advance(sec(1));
    g.sample(QUEUE_BACKLOG, 150, "queue", "b"); // held for the window
    g.clock.advance(sec(30));

    assertThatThrownBy(() -> g.engine.acknowledge("nope", "ada", "")).isInstanceOf(AlarmNotFoundException.class);
    assertThat(g.advance(sec(0)).notifications()).singleElement()
        .satisfies(n -> assertThat(n.alarms()).extracting(Alarm::id).containsExactly("alarm-2"));
  }

  @Test
  void aManualResolveSendsTheResolveOfANotifiedAlarmAndNamesTheOperator() {
    fireBacklogAlarm();

    Decisions d = h.record(h.engine.resolve("alarm-1", "ada", "drained by hand"));

    assertThat(d.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.to()).isEqualTo(RESOLVED);
      assertThat(tr.alarm().resolvedBy()).isEqualTo("ada");
      assertThat(tr.entry().note()).isEqualTo("drained by hand");
    });
    assertThat(d.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.RESOLVED);
  }

  @Test
  void aManuallyResolvedConditionThatStillBreachesOpensANewAlarm() {
    fireBacklogAlarm();
    h.record(h.engine.resolve("alarm-1", "ada", ""));

    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    assertThat(h.theAlarm().id()).isEqualTo("alarm-2");
    assertThat(h.theAlarm().state()).isEqualTo(PENDING);
  }

  @Test
  void theTimelineListsTransitionsAndNotificationsWithTimesAndActors() {
    fireBacklogAlarm();
    h.clock.advance(min(1));
    h.record(h.engine.acknowledge("alarm-1", "ada", "on it"));
    h.sample(QUEUE_BACKLOG, 0, "queue", "orders");
    h.advance(min(2));

    assertThat(h.timeline("alarm-1")).extracting(TimelineEntry::kind, TimelineEntry::at, TimelineEntry::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TimelineEntry.Kind.PENDING, t(min(0)), "vigil"),
            org.assertj.core.groups.Tuple.tuple(TimelineEntry.Kind.FIRING, t(min(1)), "vigil"),
            org.assertj.core.groups.Tuple.tuple(TimelineEntry.Kind.NOTIFIED, t(min(1)), "vigil"),
            org.assertj.core.groups.Tuple.tuple(TimelineEntry.Kind.ACKNOWLEDGED, t(min(2)), "ada"),
            org.assertj.core.groups.Tuple.tuple(TimelineEntry.Kind.RESOLVED, t(min(4)), "vigil"),
            org.assertj.core.groups.Tuple.tuple(TimelineEntry.Kind.NOTIFIED, t(min(4)), "vigil"));
    assertThat(h.timeline("alarm-1").get(2).note()).isEqualTo("firing to slack");
  }

  @Test
  void decisionsHandBackTheLatestSnapshotOfEachAlarmTouched() {
    Decisions d = h.record(h.engine.onSamples(List.of(
        new Sample(QUEUE_BACKLOG, Labels.of("queue", "a"), 150, h.now()),
        new Sample(QUEUE_BACKLOG, Labels.of("queue", "b"), 150, h.now()))));
    h.clock.advance(min(1));
    Decisions fired = h.record(h.engine.tick());

    assertThat(d.alarms()).extracting(Alarm::id).containsExactly("alarm-1", "alarm-2");
    assertThat(fired.alarms()).allSatisfy(a -> {
      assertThat(a.state()).isEqualTo(FIRING);
      assertThat(a.delivery().notified()).isTrue();
    });
  }

  @Test
  void aSampleOlderThanTheSeriesLastOneIsIgnored() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    Decisions d = h.record(h.engine.onSample(
        new Sample(QUEUE_BACKLOG, Labels.of("queue", "orders"), 10, h.now().minusSeconds(5))));

    assertThat(d.isEmpty()).isTrue();
    assertThat(h.theAlarm().state()).isEqualTo(PENDING);
  }

  @Test
  void aSeriesThatEndsResolvesItsAlarm() {
    fireBacklogAlarm();

    Decisions d = h.record(h.engine.seriesEnded(QUEUE_BACKLOG, Labels.of("queue", "orders")));

    assertThat(d.transitions()).extracting(AlarmTransition::to).containsExactly(RESOLVED);
    assertThat(d.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.RESOLVED);
  }

  @Test
  void theNextWakeUpIsTheEarliestTimeCondition() {
    assertThat(h.engine.nextWakeUp()).isEmpty();
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    assertThat(h.engine.nextWakeUp()).contains(t(min(1)));

    h.at(min(1));

    assertThat(h.engine.nextWakeUp()).contains(t(min(1 + 5))); // the first reminder
  }

  private void fireBacklogAlarm() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.advance(min(1));
    assertThat(h.theAlarm().state()).isEqualTo(FIRING);
  }
}
