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

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A critical component that answers slowly is degraded, not down: the node stays ready and keeps accepting work, and
 * says so. Every status change lands in the audit log with what it was, why and how many checks in a row.
 */
@DisplayName("A slow critical component, and its status changes in the audit log")
class DegradedComponentTest {
  TargetServer payments;
  RunningVigil vigil;

  @BeforeEach
  void start() {
    payments = TargetServer.start().delay(400);
    // the target answers in 400 ms or more: degraded above 200 ms, well inside the 2 s timeout on a loaded machine;
    // the event-loop self-probe must be a minute late to count, so a loaded test machine does not join in
    vigil = RunningVigil.start("""
        components:
          vigil-eventloop: {probe: {type: eventloop, delay_degraded_ms: 60000, delay_unhealthy_ms: 120000}}
          payments:
            name: Payments API
            critical: true
            probe: {type: http, url: "%s", interval_ms: 2000, timeout_ms: 2000, degraded_latency_ms: 200,
                    failure_threshold: 1, success_threshold: 1}
        """.formatted(payments.url("/health")), Map.of("VIGIL_STORE_FLUSH_INTERVAL_MS", "10"));
  }

  @AfterEach
  void stop() {
    vigil.close();
    payments.close();
  }

  String statusOf(String id) {
    return vigil.get("/api/components").json().getJsonArray("components", new JsonArray()).stream()
        .map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst()
        .map(c -> c.getString("status")).orElse("not listed yet");
  }

  @Test
  void aDegradedCriticalComponentLeavesTheNodeReadyAndAcceptingWorkAndSaysSo() {
    Eventually.await("payments degraded", Duration.ofSeconds(15), () -> statusOf("payments"), "degraded"::equals);

    Response ready = vigil.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    JsonObject critical = HealthAndMetricsTest.check(ready.json(), "critical-components");
    assertThat(critical.getString("status")).isEqualTo("UP");
    assertThat(critical.getJsonObject("data").getString("state")).isEqualTo("DEGRADED");
    assertThat(critical.getJsonObject("data").getJsonArray("impaired")).contains("payments");
    JsonObject status = Eventually.await("the status line", Duration.ofSeconds(10),
        () -> vigil.get("/api/status").json(), s -> "degraded".equals(s.getString("status")));
    assertThat(status.getBoolean("can_accept_work")).isTrue();
    assertThat(status.getBoolean("can_publish")).isTrue();
    assertThat(status.getString("message")).startsWith("Working, but Payments API").contains("degraded since");
    JsonObject check = HealthAndMetricsTest.check(vigil.get("/health").json(), "components").getJsonArray("checks")
        .stream().map(JsonObject.class::cast).filter(c -> "payments".equals(c.getString("id"))).findFirst()
        .orElseThrow();
    assertThat(check.getString("status")).isEqualTo("UP");
    assertThat(check.getJsonObject("data").getString("state")).isEqualTo("DEGRADED");
  }

  @Test
  void aStatusChangeIsAuditedWithThePreviousStatusTheErrorAndTheFailuresInARow() {
    Eventually.await("payments degraded", Duration.ofSeconds(15), () -> statusOf("payments"), "degraded"::equals);
    payments.delay(0).answer(503, "");
    Eventually.await("payments unhealthy", Duration.ofSeconds(15), () -> statusOf("payments"), "unhealthy"::equals);

    JsonObject down = Eventually.await("the change in the audit log", Duration.ofSeconds(10),
        () -> vigil.get("/api/events?type=component.status.changed").json().getJsonArray("events").stream()
            .map(JsonObject.class::cast).filter(e -> "unhealthy".equals(e.getJsonObject("details").getString("status")))
            .findFirst().orElse(null), e -> e != null);
    assertThat(down.getString("component")).isEqualTo("component:payments");
    assertThat(down.getString("severity")).isEqualTo("critical");
    JsonObject details = down.getJsonObject("details");
    assertThat(details.getString("previous")).isEqualTo("degraded");
    assertThat(details.getString("previous_since")).matches(io.vigil.store.TaskTimesTest.MILLIS);
    assertThat(details.getString("error")).isEqualTo("HTTP 503, expected 2xx");
    assertThat(details.getInteger("consecutive_failures")).isEqualTo(1);
    assertThat(details.getString("suggested_action")).isNotBlank();
  }
}
