package io.vigil.domain.alarm;

import io.vigil.domain.Severity;
import io.vigil.domain.health.HealthStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Rules and routings the tests share. */
final class Rules {
  static final Routing ROUTING = new Routing(
      Map.of(Severity.INFO, List.of("log"), Severity.WARNING, List.of("slack"),
          Severity.CRITICAL, List.of("slack", "telegram")),
      Map.of());

  private Rules() {}

  /** queue.backlog > 100 for 1m, clear below 80 for 2m, warning, no grouping. */
  static AlarmRule.Builder backlog() {
    return AlarmRule.builder("backlog").metric(AlarmMetrics.QUEUE_BACKLOG).when(Comparison.GT, 100)
        .forDuration(Duration.ofMinutes(1)).clearWhen(80).clearFor(Duration.ofMinutes(2))
        .groupWindow(Duration.ZERO)
        .summary("Queue {{queue}} has {{value}} tasks waiting");
  }

  /** component.status == UNHEALTHY at once, critical, no grouping. */
  static AlarmRule.Builder componentDown() {
    return AlarmRule.builder("component-down").metric(AlarmMetrics.COMPONENT_STATUS)
        .when(Comparison.EQ, HealthStatus.UNHEALTHY.code()).severity(Severity.CRITICAL)
        .groupWindow(Duration.ZERO)
        .summary("{{component}} is down");
  }

  static Duration min(long n) {
    return Duration.ofMinutes(n);
  }

  static Duration sec(long n) {
    return Duration.ofSeconds(n);
  }
}
