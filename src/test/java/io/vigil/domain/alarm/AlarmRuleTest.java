package io.vigil.domain.alarm;

import io.vigil.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.Comparison.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AlarmRuleTest {

  @Test
  void aMinimalRuleGetsSensibleDefaults() {
    AlarmRule rule = AlarmRule.builder("backlog").metric(QUEUE_BACKLOG).when(GT, 100).summary("s").build();

    assertThat(rule.clearThreshold()).isEqualTo(100);
    assertThat(rule.forDuration()).isZero();
    assertThat(rule.clearFor()).isZero();
    assertThat(rule.severity()).isEqualTo(Severity.WARNING);
    assertThat(rule.reminder()).isEqualTo(ReminderPolicy.DEFAULT);
    assertThat(rule.groupWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rule.stop()).isFalse();
    assertThat(rule.recoveryPlan()).isEmpty();
  }

  @Test
  void everyBadFieldIsReportedAtOnceByItsConfigurationKey() {
    InvalidRuleException e = catchThrowableOfType(InvalidRuleException.class, () -> AlarmRule.builder("Bad Name")
        .metric("queue.backlgo").when(GT, Double.NaN).forDuration(Duration.ofSeconds(-1))
        .clearFor(Duration.ofSeconds(-1)).severity(Severity.WARNING).stop(true)
        .label("severity", "x").annotation("runbook_url", "not a url").description("{{queue")
        .reminder(new ReminderPolicy(Duration.ofMinutes(5), 0.5, Duration.ofHours(1)))
        .escalate(EscalationTier.after(Duration.ofMinutes(30), "pager"))
        .escalate(EscalationTier.after(Duration.ofMinutes(10), "phone"))
        .groupWindow(Duration.ofHours(2)).recoveryPlan(" ")
        .build());

    assertThat(e.getMessage()).startsWith("rule 'Bad Name': ");
    assertThat(e.problems()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
        "name", "metric", "threshold", "clear_threshold", "for", "clear_for", "labels.severity",
        "annotations.summary", "annotations.description", "annotations.runbook_url", "reminder.factor",
        "escalation[1].after", "group_window", "stop", "recovery_plan");
    assertThat(e.problems()).anyMatch(p -> p.startsWith("metric: unknown metric 'queue.backlgo' (known: "));
  }

  @Test
  void theClearThresholdMustLieOnTheQuietSideOfTheThreshold() {
    assertThatThrownBy(() -> rule(GT, 100).clearWhen(120).build())
        .hasMessageContaining("clear_threshold: must not be above threshold for >");
    assertThatThrownBy(() -> rule(LT, 0.1).clearWhen(0.05).build())
        .hasMessageContaining("clear_threshold: must not be below threshold for <");
    assertThatThrownBy(() -> rule(EQ, 2).clearWhen(1).build())
        .hasMessageContaining("clear_threshold: must equal threshold for ==");
  }

  @Test
  void hysteresisFiresOnTheThresholdAndHoldsOnTheClearThreshold() {
    AlarmRule rule = rule(GT, 100).clearWhen(80).build();

    assertThat(rule.breaches(101)).isTrue();
    assertThat(rule.breaches(90)).isFalse();
    assertThat(rule.holds(90)).isTrue();
    assertThat(rule.holds(80)).isFalse();
    assertThat(rule.breaches(Double.NaN)).isFalse();
  }

  @Test
  void foreignQueueFiguresAreAcceptedByPrefix() {
    assertThat(AlarmMetrics.isKnown("foreign.unacked")).isTrue();
    assertThat(AlarmMetrics.isKnown("foreign.")).isFalse();
    assertThat(AlarmMetrics.isKnown("queue.nope")).isFalse();
  }

  @Test
  void onlyACriticalRuleMayStopTheSystem() {
    assertThat(rule(GT, 1).severity(Severity.CRITICAL).stop(true).build().stop()).isTrue();
    assertThatThrownBy(() -> rule(GT, 1).stop(true).build())
        .hasMessageContaining("stop: only a critical rule may stop the system");
  }

  @Test
  void theSelectorAndConditionReadLikePromQl() {
    AlarmRule rule = rule(GT, 100).match(LabelMatcher.re("queue", "orders|billing")).build();

    assertThat(rule.condition()).isEqualTo("queue.backlog{queue=~\"orders|billing\"} > 100");
    assertThat(rule.selects(Labels.of("queue", "orders"))).isTrue();
    assertThat(rule.selects(Labels.of("queue", "other"))).isFalse();
  }

  @Test
  void alarmLabelsAreTheSeriesThenTheRulesThenRuleAndSeverity() {
    AlarmRule rule = rule(GT, 1).label("team", "ops").build();

    assertThat(rule.alarmLabels(Labels.of("queue", "orders", "team", "x")).asMap()).isEqualTo(Map.of(
        "queue", "orders", "team", "ops", "rule", "backlog", "severity", "warning"));
  }

  @Test
  void aRuleRoundTripsThroughItsBuilder() {
    AlarmRule rule = rule(GT, 100).clearWhen(80).forDuration(Duration.ofMinutes(1)).severity(Severity.CRITICAL)
        .match(LabelMatcher.eq("queue", "orders")).label("team", "ops").runbookUrl("https://runbooks/x")
        .channels("slack").escalate(EscalationTier.after(Duration.ofMinutes(15), "pager")).stop(true)
        .recoveryPlan("restart-workers").build();

    assertThat(rule.toBuilder().build()).isEqualTo(rule);
  }

  @Test
  void templatesFillLabelsAndTheValue() {
    Labels labels = Labels.of("queue", "orders");

    assertThat(Templates.render("{{queue}}: {{value}} > {{threshold}} ({{rule}}) {{missing}}.", labels, 153, 100, "r"))
        .isEqualTo("orders: 153 > 100 (r) .");
    assertThat(Templates.render("{{ value }} = {{value_percent}}", labels, 0.15349, 0, "r"))
        .isEqualTo("0.1535 = 15.35%");
    assertThat(Templates.render("no placeholders", labels, 1, 1, "r")).isEqualTo("no placeholders");
  }

  private static AlarmRule.Builder rule(Comparison comparison, double threshold) {
    return AlarmRule.builder("backlog").metric(QUEUE_BACKLOG).when(comparison, threshold).summary("s");
  }
}
