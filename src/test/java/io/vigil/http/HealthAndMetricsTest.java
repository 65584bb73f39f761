package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Health endpoints and metrics")
class HealthAndMetricsTest {
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("");
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static JsonObject check(JsonObject health, String id) {
    JsonArray checks = health.getJsonArray("checks");
    return checks.stream().map(JsonObject.class::cast).filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
  }

  @Test
  void livenessIsUpWhileTheProcessAnswers() {
    Response live = vigil.get("/health/live");

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessReportsTheQueueBackendAndTheMode() {
    Response ready = vigil.get("/health/ready");

    assertThat(ready.status()).isEqualTo(200);
    JsonObject queue = check(ready.json(), "queue");
    assertThat(queue.getString("status")).isEqualTo("UP");
    assertThat(queue.getJsonObject("data").getString("backend")).isEqualTo("memory");
    assertThat(queue.getJsonObject("data").getString("mode")).isEqualTo("async_queue");
    assertThat(queue.getJsonObject("data").getString("state")).isEqualTo("UP");
  }

  @Test
  void theMetricsAreInPrometheusTextFormat() {
    vigil.post("/api/tasks", new JsonObject().put("type", "noop"));

    Response metrics = vigil.get("/metrics");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body()).contains("jvm_memory_used_bytes")
        .contains("vigil_http_requests_seconds_count{method=\"POST\",route=\"/api/tasks\",status=\"202\"}")
        .contains("vigil_queue_lease_extension_failures_total{queue=\"default\"}");
  }

  @Test
  void theWebRootIsServed() {
    Response index = vigil.get("/");

    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("<title>Vigil</title>");
  }
}
