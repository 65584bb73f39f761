package io.vigil.observe;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil's own metrics (every {@code vigil_} family) after real work — tasks completed, retried and dead-lettered,
 * probes run — pass {@code promtool check metrics} with no warning, and carry the figures the dashboard and the
 * alert rules use.
 */
@DisplayName("Prometheus metrics")
class MetricsPromtoolIT {
  static RunningVigil vigil;
  static String metrics;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10}
        task_types:
          flaky: {handler: http, target: "http://127.0.0.1:9/", max_attempts: 2, timeout_ms: 2000,
                  backoff: {base_ms: 10, max_ms: 20}}
        components:
          vigil-eventloop: {probe: {type: eventloop, interval_ms: 200, timeout_ms: 200}}
        """);
    for (int i = 0; i < 3; i++) vigil.post("/api/tasks", new JsonObject().put("type", "noop"));
    vigil.post("/api/tasks", new JsonObject().put("type", "flaky"));
    metrics = Eventually.await("tasks, a dead letter and probe checks on /metrics", java.time.Duration.ofSeconds(20),
        () -> vigil.get("/metrics").body(),
        body -> body.contains("vigil_tasks_dead_lettered_total{queue=\"default\",type=\"flaky\"} 1.0")
            && body.contains("vigil_probe_checks_total{component=\"vigil-eventloop\",outcome=\"ok\"}")
            && body.contains("vigil_queue_tasks{queue=\"default\",state=\"waiting\"}"));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  /** The lines of every vigil_ metric family (HELP, TYPE and samples). */
  static String vigilFamilies(String exposition) {
    return Arrays.stream(exposition.split("\n"))
        .filter(line -> line.startsWith("vigil_") || line.startsWith("# HELP vigil_") || line.startsWith("# TYPE vigil_"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void vigilsOwnMetricsPassPromtoolWithoutAWarning() throws Exception {
    String ours = vigilFamilies(metrics);

    Promtool.Result result = Promtool.run(ours, "check", "metrics");

    assertThat(result.output()).as("promtool's findings").isEmpty();
    assertThat(result.exit()).isZero();
  }

  @Test
  void theAlertRulesPassPromtoolAndTheirUnitTestsFire() throws Exception {
    Promtool.Result checked = Promtool.run(null, "check", "rules", "docker/prometheus/vigil-rules.yml");
    Promtool.Result tested = Promtool.run(null, "test", "rules", "docker/prometheus/vigil-rules.test.yml");

    assertThat(checked.exit()).as(checked.output()).isZero();
    assertThat(checked.output()).contains("SUCCESS");
    assertThat(tested.exit()).as(tested.output()).isZero();
  }

  @Test
  void theDashboardAndTheRulesUseOnlyMetricsVigilExports() throws Exception {
    Set<String> exported = new TreeSet<>();
    Matcher sample = Pattern.compile("(?m)^(vigil_[a-z0-9_]+)").matcher(metrics);
    while (sample.find()) exported.add(sample.group(1));
    String dashboard = Files.readString(Path.of("docker/grafana/vigil-dashboard.json"));
    JsonObject parsed = new JsonObject(dashboard);
    assertThat(parsed.getJsonArray("panels")).isNotEmpty();
    String rules = Files.readString(Path.of("docker/prometheus/vigil-rules.yml"));

    Set<String> used = new TreeSet<>();
    Matcher reference = Pattern.compile("vigil_[a-z0-9_]+").matcher(dashboard + rules);
    while (reference.find()) used.add(reference.group());
    used.removeIf(name -> name.startsWith("vigil_rules") || name.equals("vigil_overview"));

    assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(exported).as("exported metrics").contains(name));
  }

  @Test
  void taskCountersAndTheRunDurationHistogramArePerQueueAndType() {
    assertThat(metrics).contains("vigil_tasks_submitted_total{queue=\"default\",type=\"noop\"} 3.0")
        .contains("vigil_tasks_completed_total{queue=\"default\",type=\"noop\"} 3.0")
        .contains("vigil_tasks_failed_total{queue=\"default\",type=\"flaky\"} 2.0")
        .contains("vigil_tasks_retried_total{queue=\"default\",type=\"flaky\"} 1.0")
        .contains("vigil_task_run_duration_seconds_bucket{queue=\"default\",type=\"noop\",le=\"0.005\"}")
        .contains("# HELP vigil_tasks_submitted_total Tasks accepted");
  }

  @Test
  void queueModeProbeAndStoreFiguresAreExported() {
    assertThat(metrics).contains("vigil_queue_oldest_waiting_age_seconds{queue=\"default\"}")
        .contains("vigil_system_mode{mode=\"async_queue\"} 1.0")
        .contains("vigil_component_status{component=\"vigil-eventloop\",critical=\"true\",kind=\"system\",status=\"healthy\"} 1.0")
        .contains("vigil_probe_latency_seconds_count{component=\"vigil-eventloop\"}")
        .contains("vigil_component_uptime_ratio{component=\"vigil-eventloop\",window=\"1h\"}")
        .contains("vigil_store_buffered_rows{backend=\"memory\"}")
        .contains("vigil_build{");
  }
}
