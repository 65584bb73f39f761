package io.vigil.alarm;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.notify.RecordingReceiver;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A critical rule with {@code stop: true} trips the kill switch: work stops, readiness goes down while liveness stays
 * up, everyone is told like for a critical alarm, and only an admin's resume with a reason restarts it; both are in
 * the audit log. (Every node stopping at once is {@code ClusterFailoverIT}'s and {@code ClusterAlarmsIT}'s.)
 */
@DisplayName("Emergency stop")
class EmergencyStopTest {
  static final String OPERATOR = "oper-5e1d7c9b3a2f4e6d";
  static final String ADMIN = "admin-9a7c5e3b1d2f4a6c";

  Vertx receivers;
  RecordingReceiver hook;
  RunningVigil vigil;

  @BeforeEach
  void start() {
    receivers = Vertx.vertx();
    hook = RecordingReceiver.start(receivers);
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, stats_interval_ms: 200}
        notifications:
          channels:
            ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
        alarms:
          routes: {critical: [ops-hook]}
          rules:
            data-at-risk:
              metric: queue.dead_letters
              comparison: ">="
              threshold: 1
              severity: critical
              stop: true
              annotations: {summary: "{{queue}} lost {{value}} task(s) to the dead-letter queue"}
        task_types:
          doomed: {handler: http, target: "http://127.0.0.1:1/nothing", max_attempts: 1}
        """, Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"), "VIGIL_TEST_HOOK_KEY", "whsec-stop-test-0123456789",
        "VIGIL_AUTH_TOKENS", "ops:operator:" + OPERATOR + ",root:admin:" + ADMIN));
  }

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    result(receivers.close());
  }

  private List<String> kinds() {
    return hook.requests().stream().map(r -> r.json().getJsonObject("vigil").getString("kind")).toList();
  }

  @Test
  void aFiringStopRuleStopsWorkTakesReadinessDownTellsEveryoneAndOnlyAnAdminResumes() {
    vigil.as(OPERATOR).post("/api/tasks", new JsonObject().put("type", "doomed"));

    Eventually.await("the stop rule stops the node", Duration.ofSeconds(15),
        () -> vigil.get("/api/system/mode").json().getString("mode"), "stopped"::equals);
    JsonObject mode = vigil.get("/api/system/mode").json();
    assertThat(mode.getString("changed_by")).isEqualTo("alarm:data-at-risk");
    assertThat(vigil.get("/health/ready").status()).isEqualTo(503);
    assertThat(vigil.get("/health/live").status()).isEqualTo(200);
    assertThat(vigil.post("/api/tasks", new JsonObject().put("type", "noop")).status()).isEqualTo(503);
    Eventually.await("everyone is told: the alarm and the stop", Duration.ofSeconds(10), this::kinds,
        k -> k.containsAll(List.of("firing", "emergency_stop")));

    assertThat(vigil.as(OPERATOR).post("/api/system/resume", new JsonObject().put("reason", "no")).status())
        .isEqualTo(403);
    assertThat(vigil.as(ADMIN).post("/api/system/resume", new JsonObject()).status()).isEqualTo(422);
    assertThat(vigil.as(ADMIN).post("/api/system/resume", new JsonObject().put("reason", "dead letters inspected"))
        .status()).isEqualTo(200);

    assertThat(vigil.get("/api/system/mode").json().getString("mode")).isEqualTo("async_queue");
    Eventually.await("readiness is back", Duration.ofSeconds(5), () -> vigil.get("/health/ready").status() == 200);
    Eventually.await("the resume is told as the stop's resolve", Duration.ofSeconds(10), this::kinds,
        k -> k.contains("resolved"));
    JsonObject resolve = hook.requests().stream().map(RecordingReceiver.Request::json)
        .filter(j -> j.getJsonObject("vigil").getString("kind").equals("resolved")).findFirst().orElseThrow();
    assertThat(resolve.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("alertname"))
        .isEqualTo("VigilEmergencyStop");
    assertThat(kinds()).as("the alarm still fires, so the stop is not asked again").containsOnlyOnce("emergency_stop");
    JsonArray audit = Eventually.await("both are in the audit log", Duration.ofSeconds(10),
        () -> vigil.get("/api/events?type=system.mode.changed").json().getJsonArray("events"), e -> e.size() == 2);
    assertThat(audit.stream().map(JsonObject.class::cast).map(e -> e.getString("actor")))
        .containsExactlyInAnyOrder("alarm:data-at-risk", "root");
  }
}
