package io.vigil.domain.alarm;

import io.vigil.domain.Severity;
import io.vigil.domain.alarm.NotificationIntent.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.AlarmState.*;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleReloadTest {
  private final AlarmRule rule = backlog().build();
  private final EngineHarness h = new EngineHarness(ROUTING, rule);

  @Test
  void removingARuleResolvesItsAlarmsAndSendsTheResolveOfThoseNotified() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.advance(min(1)); // a fires and is sent
    h.sample(QUEUE_BACKLOG, 150, "queue", "b"); // b only pends

    Decisions d = h.record(h.engine.replaceRules(List.of(), ROUTING));

    assertThat(d.transitions()).extracting(tr -> tr.alarm().series().get("queue"), AlarmTransition::to)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", RESOLVED),
            org.assertj.core.groups.Tuple.tuple("b", RESOLVED));
    assertThat(d.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.RESOLVED);
      assertThat(n.alarms()).extracting(a -> a.series().get("queue")).containsExactly("a");
    });
    assertThat(h.engine.openAlarms()).isEmpty();
    assertThat(h.sample(QUEUE_BACKLOG, 500, "queue", "a").isEmpty()).isTrue();
  }

  @Test
  void raisingTheThresholdAboveTheCurrentValueStartsClearingAFiringAlarm() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.advance(min(1));

    h.record(h.engine.replaceRules(List.of(rule.toBuilder().when(Comparison.GT, 200).clearWhen(180).build()), ROUTING));
    assertThat(h.theAlarm().clearingSince()).isEqualTo(h.now());
    Decisions d = h.advance(min(2));

    assertThat(d.transitions()).extracting(AlarmTransition::to).containsExactly(RESOLVED);
    assertThat(d.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.RESOLVED);
  }

  @Test
  void loweringTheThresholdBelowTheCurrentValueOpensAnAlarmAtOnce() {
    h.sample(QUEUE_BACKLOG, 90, "queue", "a");
    assertThat(h.engine.openAlarms()).isEmpty();

    Decisions d = h.record(h.engine.replaceRules(List.of(rule.toBuilder().when(Comparison.GT, 50).clearWhen(40)
        .build()), ROUTING));

    assertThat(d.transitions()).singleElement().satisfies(tr -> assertThat(tr.to()).isEqualTo(PENDING));
  }

  @Test
  void aNewRuleLooksAtTheCurrentValuesAtOnce() {
    h.sample(QUEUE_BACKLOG, 5000, "queue", "a");
    AlarmRule severe = AlarmRule.builder("backlog-severe").metric(QUEUE_BACKLOG).when(Comparison.GT, 1000)
        .severity(Severity.CRITICAL).summary("severe").build();

    Decisions d = h.record(h.engine.replaceRules(List.of(rule, severe), ROUTING));

    assertThat(d.transitions()).extracting(tr -> tr.alarm().rule(), AlarmTransition::to).containsExactly(
        org.assertj.core.groups.Tuple.tuple("backlog-severe", PENDING),
        org.assertj.core.groups.Tuple.tuple("backlog-severe", FIRING));
  }

  @Test
  void anUnchangedRuleSetChangesNothing() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.advance(min(1));

    Decisions d = h.record(h.engine.replaceRules(List.of(backlog().build()), ROUTING));

    assertThat(d.isEmpty()).isTrue();
    assertThat(h.theAlarm().id()).isEqualTo("alarm-1");
  }

  @Test
  void aChangedSeverityIsTakenByTheOpenAlarmAndTheResolveStillReachesEveryoneTold() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.advance(min(1));

    h.record(h.engine.replaceRules(List.of(rule.toBuilder().severity(Severity.CRITICAL).build()), ROUTING));
    assertThat(h.theAlarm().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(h.theAlarm().labels().get("severity")).isEqualTo("critical");
    h.sample(QUEUE_BACKLOG, 10, "queue", "a");
    h.advance(min(2));

    assertThat(h.notifications(Kind.RESOLVED)).singleElement()
        .satisfies(n -> assertThat(n.channels()).containsExactly("slack"));
  }

  @Test
  void aSeriesNoLongerSelectedByTheChangedRuleResolves() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.sample(QUEUE_BACKLOG, 150, "queue", "b");

    Decisions d = h.record(h.engine.replaceRules(
        List.of(rule.toBuilder().match(LabelMatcher.ne("queue", "b")).build()), ROUTING));

    assertThat(d.transitions()).singleElement().satisfies(tr -> {
      assertThat(tr.alarm().series().get("queue")).isEqualTo("b");
      assertThat(tr.to()).isEqualTo(RESOLVED);
    });
    assertThat(h.engine.openAlarms()).extracting(a -> a.series().get("queue")).containsExactly("a");
  }

  @Test
  void twoRulesWithOneNameAreRefusedAndTheRunningSetStays() {
    assertThatThrownBy(() -> h.engine.replaceRules(List.of(rule, rule), ROUTING))
        .isInstanceOf(InvalidRuleException.class).hasMessageContaining("'backlog' is used by more than one rule");
    assertThat(h.engine.rules()).containsExactly(rule);
  }

  @Test
  void aNewRoutingIsUsedForTheNextMessages() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.record(h.engine.replaceRules(List.of(rule), Routing.of(java.util.Map.of(Severity.WARNING, List.of("email")))));

    Decisions d = h.advance(min(1));

    assertThat(d.notifications()).singleElement().satisfies(n -> assertThat(n.channels()).containsExactly("email"));
  }
}
