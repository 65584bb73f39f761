package io.vigil.domain.alarm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/rules/test}: what a rule would do with the current values, without doing it. */
class RuleDryRunTest {
  private final EngineHarness h = new EngineHarness(ROUTING, backlog().build());

  @Test
  void aTestedRuleReportsWhatEachSelectedSeriesWouldDo() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    h.sample(QUEUE_BACKLOG, 20, "queue", "billing");
    h.sample(QUEUE_BACKLOG, 900, "queue", "test-x");

    RuleTest result = h.engine.testRule(backlog().match(LabelMatcher.nre("queue", "test-.*")).build());

    assertThat(result.matched()).extracting(v -> v.series().get("queue"), RuleTest.Verdict::outcome,
            RuleTest.Verdict::firesAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("billing", RuleTest.Outcome.QUIET, null),
            org.assertj.core.groups.Tuple.tuple("orders", RuleTest.Outcome.WOULD_PEND, t(min(1))));
    assertThat(result.breaching()).singleElement().satisfies(v -> {
      assertThat(v.annotations()).containsEntry("summary", "Queue orders has 150 tasks waiting");
      assertThat(v.openAlarm()).isEqualTo(AlarmState.PENDING);
    });
  }

  @Test
  void aRuleWithoutForWouldFireNow() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");

    RuleTest result = h.engine.testRule(AlarmRule.builder("new-rule").metric(QUEUE_BACKLOG).when(Comparison.GE, 150)
        .summary("x").build());

    assertThat(result.matched()).singleElement().satisfies(v -> {
      assertThat(v.outcome()).isEqualTo(RuleTest.Outcome.WOULD_FIRE);
      assertThat(v.firesAt()).isEqualTo(h.now());
      assertThat(v.openAlarm()).isNull();
    });
  }

  @Test
  void testingARuleOpensFiresAndSendsNothing() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "orders");
    List<Alarm> before = h.engine.openAlarms();

    h.engine.testRule(AlarmRule.builder("new-rule").metric(QUEUE_BACKLOG).when(Comparison.GT, 1).summary("x").build());
    Decisions after = h.advance(sec(1));

    assertThat(h.engine.openAlarms()).isEqualTo(before);
    assertThat(after.isEmpty()).isTrue();
    assertThat(h.engine.rules()).extracting(AlarmRule::name).containsExactly("backlog");
  }
}
