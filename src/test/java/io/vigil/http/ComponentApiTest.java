package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real node probing a local HTTP target the test turns up and down: the components API, run-now, stats and uptime,
 * the health endpoints and the status line in each state. Probes run every 300 ms here; the tests wait for what the
 * node reports, never a fixed sleep.
 */
@DisplayName("Components, health and status of a running node")
class ComponentApiTest {
  static final String YAML = """
      components:
        payments:
          name: Payments API
          critical: true
          probe: {type: http, url: "%s", interval_ms: 300, timeout_ms: 300, failure_threshold: 2, success_threshold: 1,
                  json_pointer: /status, json_equals: up}
        search:
          name: Search
          probe: {type: http, url: "%s", interval_ms: 300, timeout_ms: 300, failure_threshold: 1}
      """;

  TargetServer payments;
  TargetServer search;
  RunningVigil vigil;

  @BeforeEach
  void start() {
    payments = TargetServer.start();
    search = TargetServer.start();
    vigil = RunningVigil.start(YAML.formatted(payments.url("/health"), search.url("/")), Map.of("VIGIL_AUTH_TOKENS",
        "watcher:viewer:viewer-secret-0123456789,ops:operator:operator-secret-0123456789,"
        + "root:admin:admin-secret-01234567890"));
    vigil.as("viewer-secret-0123456789");
  }

  @AfterEach
  void stop() {
    vigil.close();
    payments.close();
    search.close();
  }

  /** The component as listed, or an empty object while the list is not there yet (the probes start on the leader). */
  JsonObject component(String id) {
    return vigil.get("/api/components").json().getJsonArray("components", new JsonArray()).stream()
        .map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst().orElse(new JsonObject());
  }

  void awaitStatus(String id, String status) {
    Eventually.await(id + " " + status, java.time.Duration.ofSeconds(10), () -> component(id),
        c -> status.equals(c.getString("status")));
  }

  @Test
  void everyComponentIsListedWithItsStatusLatencyStreaksUptimeAndWhatToDo() {
    awaitStatus("payments", "healthy");
    awaitStatus("search", "healthy");

    JsonObject c = component("payments");
    assertThat(c.getString("name")).isEqualTo("Payments API");
    assertThat(c.getBoolean("critical")).isTrue();
    assertThat(c.getString("kind")).isEqualTo("service");
    assertThat(c.getDouble("latency_ms")).isPositive();
    assertThat(c.getString("last_check")).isNotNull();
    assertThat(c.getInteger("consecutive_successes")).isPositive();
    assertThat(c.getJsonObject("uptime").getDouble("1h")).isEqualTo(1.0);
    assertThat(c.getJsonObject("uptime").fieldNames()).containsExactly("1h", "24h", "7d", "30d");
    assertThat(c.getValue("suggested_action")).isNull();
    assertThat(c.getJsonObject("figures").getInteger("status_code")).isEqualTo(200);
    // the self-probes of the bundled file are there too
    assertThat(vigil.get("/api/components").json().getJsonArray("components").stream().map(o -> ((JsonObject) o).getString("id")))
        .contains("vigil-eventloop", "vigil-memory", "vigil-disk", "vigil-queue-default");
  }

  @Test
  void aCriticalComponentGoingDownTurnsReadinessDownAndTheStatusLineSaysSoThenBothRecover() {
    awaitStatus("payments", "healthy");
    assertThat(vigil.get("/health/ready").status()).isEqualTo(200);
    assertThat(vigil.get("/api/status").json().getBoolean("can_accept_work")).isTrue();

    payments.answer(200, "{\"status\":\"down\"}");
    awaitStatus("payments", "unhealthy");

    JsonObject c = component("payments");
    assertThat(c.getString("last_error")).isEqualTo("/status is \"down\", expected up");
    assertThat(c.getInteger("consecutive_failures")).isGreaterThanOrEqualTo(2);
    assertThat(c.getString("suggested_action")).contains("check the service");
    Response ready = vigil.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(HealthAndMetricsTest.check(ready.json(), "critical-components").getJsonObject("data").getJsonArray("down"))
        .containsExactly("payments");
    assertThat(vigil.get("/health/live").status()).isEqualTo(200);
    JsonObject status = vigil.get("/api/status").json();
    assertThat(status.getString("status")).isEqualTo("unhealthy");
    assertThat(status.getBoolean("can_accept_work")).isFalse();
    assertThat(status.getBoolean("can_publish")).isFalse();
    assertThat(status.getString("message")).matches("Payments API has been down since \\d\\d:\\d\\d UTC; tasks are held and retried\\.");
    assertThat(status.getJsonArray("components_down")).contains("payments");
    assertThat(status.getString("since")).matches(io.vigil.store.TaskTimesTest.MILLIS);
    assertThat(status.getJsonArray("suggested_actions").getJsonObject(0).getString("component")).isEqualTo("payments");

    payments.answer(200, "{\"status\":\"up\"}");
    awaitStatus("payments", "healthy");
    assertThat(vigil.get("/health/ready").status()).isEqualTo(200);
    assertThat(component("payments").getJsonObject("uptime").getDouble("1h")).isLessThan(1.0);
  }

  @Test
  void aNonCriticalComponentDownShowsInHealthButLeavesReadinessUp() {
    awaitStatus("search", "healthy");
    search.answer(503, "");
    awaitStatus("search", "unhealthy");

    Response health = vigil.get("/health");
    assertThat(health.status()).isEqualTo(503);
    JsonObject searchCheck = HealthAndMetricsTest.check(health.json(), "components").getJsonArray("checks").stream()
        .map(JsonObject.class::cast).filter(o -> "search".equals(o.getString("id"))).findFirst().orElseThrow();
    assertThat(searchCheck.getString("status")).isEqualTo("DOWN");
    assertThat(searchCheck.getJsonObject("data").getString("error")).isEqualTo("HTTP 503, expected 2xx");
    assertThat(searchCheck.getJsonObject("data").getString("since")).matches(io.vigil.store.TaskTimesTest.MILLIS);
    assertThat(vigil.get("/health/ready").status()).isEqualTo(200);
    // once the critical self-probes have had their first check
    Eventually.await("the status line", java.time.Duration.ofSeconds(10), () -> vigil.get("/api/status").json().getString("message"),
        m -> m.startsWith("Working normally; Search (not critical) has been down since"));
  }

  @Test
  void aStoppedSystemIsNotReadyWhileLivenessStaysUpAndTheStatusSaysWhoStoppedItAndWhy() {
    awaitStatus("payments", "healthy");
    vigil.as("admin-secret-01234567890");

    assertThat(vigil.post("/api/system/stop", new JsonObject().put("reason", "maintenance")).status()).isEqualTo(200);

    assertThat(vigil.get("/health/ready").status()).isEqualTo(503);
    assertThat(vigil.get("/health/live").status()).isEqualTo(200);
    JsonObject status = vigil.get("/api/status").json();
    assertThat(status.getBoolean("can_accept_work")).isFalse();
    assertThat(status.getString("mode")).isEqualTo("stopped");
    assertThat(status.getString("message"))
        .matches("Vigil has been stopped since \\d\\d:\\d\\d UTC by root: maintenance; new work is refused until an admin resumes it\\.");

    assertThat(vigil.post("/api/system/resume", new JsonObject().put("reason", "done")).status()).isEqualTo(200);
    assertThat(vigil.get("/health/ready").status()).isEqualTo(200);
    assertThat(vigil.get("/api/status").json().getBoolean("can_accept_work")).isTrue();
  }

  @Test
  void pausedAcceptsWorkButCannotPublish() {
    awaitStatus("payments", "healthy");
    vigil.as("admin-secret-01234567890");

    vigil.put("/api/system/mode", new JsonObject().put("mode", "paused").put("reason", "deploy"));

    JsonObject status = vigil.get("/api/status").json();
    assertThat(status.getBoolean("can_accept_work")).isTrue();
    assertThat(status.getBoolean("can_publish")).isFalse();
    assertThat(status.getString("message")).contains("paused").contains("accepted and held");
    assertThat(vigil.get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  void oneComponentShowsItsRecentResultsAndLatencyHistory() {
    awaitStatus("payments", "healthy");

    JsonObject detail = vigil.get("/api/components/payments").json();

    assertThat(detail.getJsonArray("recent")).isNotEmpty();
    JsonObject last = detail.getJsonArray("recent").getJsonObject(detail.getJsonArray("recent").size() - 1);
    assertThat(last.getString("outcome")).isEqualTo("ok");
    assertThat(last.getString("status")).isEqualTo("healthy");
    JsonArray history = detail.getJsonArray("latency_history");
    assertThat(history).isNotEmpty();
    assertThat(history.getJsonObject(history.size() - 1).getDouble("p95_ms")).isPositive();
    assertThat(vigil.get("/api/components/nope").status()).isEqualTo(404);
  }

  @Test
  void uptimeIsAnsweredForAWindowAndABadWindowIsA422() {
    awaitStatus("payments", "healthy");

    JsonObject uptime = vigil.get("/api/components/payments/uptime?window=1h").json();

    assertThat(uptime.getString("window")).isEqualTo("1h");
    assertThat(uptime.getLong("checks")).isPositive();
    assertThat(uptime.getDouble("ratio")).isEqualTo(1.0);
    Response bad = vigil.get("/api/components/payments/uptime?window=forever");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void anOperatorRunsAProbeNowAndGetsItsResultAndAViewerMayNot() {
    awaitStatus("payments", "healthy");
    int before = payments.hits();

    assertThat(vigil.post("/api/probes/payments/run", new JsonObject()).status()).isEqualTo(403);
    vigil.as("operator-secret-0123456789");
    Response run = vigil.post("/api/probes/payments/run", new JsonObject());

    assertThat(run.status()).isEqualTo(200);
    assertThat(run.json().getString("component")).isEqualTo("payments");
    assertThat(run.json().getBoolean("manual")).isTrue();
    assertThat(payments.hits()).isGreaterThan(before);
    Response all = vigil.post("/api/probes/run", new JsonObject());
    assertThat(all.json().getJsonArray("results").size()).isGreaterThanOrEqualTo(6);
    assertThat(vigil.post("/api/probes/nope/run", new JsonObject()).status()).isEqualTo(404);
  }

  @Test
  void probeStatsCountChecksAndFailuresByComponentAndTheScheduleLateness() {
    awaitStatus("payments", "healthy");

    JsonObject stats = vigil.get("/api/probes/stats").json();

    assertThat(stats.getLong("checks")).isPositive();
    assertThat(stats.getDouble("success_rate")).isBetween(0.0, 1.0);
    assertThat(stats.getJsonArray("by_component").stream().map(o -> ((JsonObject) o).getString("component")))
        .contains("payments", "search");
    assertThat(stats.getJsonObject("schedule").getLong("samples")).isPositive();
  }
}
