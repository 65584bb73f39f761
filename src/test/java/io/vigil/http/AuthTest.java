package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bearer tokens and roles")
class AuthTest {
  static final String VIEWER = "viewer-secret-0123456789";
  static final String PRODUCER = "producer-secret-0123456789";
  static final String OPERATOR = "operator-secret-0123456789";
  static final String ADMIN = "admin-secret-0123456789abc";
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("", Map.of("VIGIL_AUTH_TOKENS",
        "grafana:viewer:" + VIEWER + ",billing:producer:" + PRODUCER + ",oncall:operator:" + OPERATOR + ",root:admin:" + ADMIN));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @AfterEach
  void forgetToken() {
    vigil.as(null);
  }

  static JsonObject task() {
    return new JsonObject().put("type", "noop");
  }

  @Test
  void withoutATokenTheApiAnswers401WithAChallenge() {
    Response response = vigil.get("/api/queues");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(response.problemType()).isEqualTo("unauthorized");
  }

  @Test
  void aWrongTokenIs401() {
    assertThat(vigil.as("not-a-token-at-all-xxxxxxxx").get("/api/queues").status()).isEqualTo(401);
    assertThat(vigil.as(VIEWER + "x").get("/api/queues").status()).isEqualTo(401);
  }

  @Test
  void aViewerReadsButCannotSubmit() {
    vigil.as(VIEWER);

    assertThat(vigil.get("/api/queues").status()).isEqualTo(200);
    Response submit = vigil.post("/api/tasks", task());
    assertThat(submit.status()).isEqualTo(403);
    assertThat(submit.problemType()).isEqualTo("forbidden");
    assertThat(submit.json().getString("detail")).contains("producer").doesNotContain(VIEWER);
  }

  @Test
  void aProducerSubmitsButCannotCancelPauseOrReplay() {
    vigil.as(PRODUCER);

    Response submitted = vigil.post("/api/tasks", task());
    assertThat(submitted.status()).isEqualTo(202);
    assertThat(vigil.delete("/api/tasks/" + submitted.json().getString("id")).status()).isEqualTo(403);
    assertThat(vigil.post("/api/queues/default/pause", new JsonObject()).status()).isEqualTo(403);
    assertThat(vigil.post("/api/queues/default/dead-letters/replay", new JsonObject()).status()).isEqualTo(403);
    assertThat(vigil.delete("/api/queues/default/dead-letters").status()).isEqualTo(403);
  }

  @Test
  void anOperatorPausesResumesReplaysAndPurges() {
    vigil.as(OPERATOR);

    assertThat(vigil.post("/api/queues/default/pause", new JsonObject()).status()).isEqualTo(200);
    assertThat(vigil.post("/api/queues/default/resume", new JsonObject()).status()).isEqualTo(200);
    assertThat(vigil.post("/api/queues/default/dead-letters/replay", new JsonObject()).status()).isEqualTo(200);
    assertThat(vigil.delete("/api/queues/default/dead-letters").status()).isEqualTo(200);
    assertThat(vigil.post("/api/tasks", task()).status()).as("operator includes producer").isEqualTo(202);
  }

  @Test
  void anAdminCanDoWhatAnOperatorCan() {
    vigil.as(ADMIN);

    assertThat(vigil.post("/api/queues/default/pause", new JsonObject()).status()).isEqualTo(200);
    assertThat(vigil.post("/api/queues/default/resume", new JsonObject()).status()).isEqualTo(200);
  }

  @Test
  void healthAndMetricsNeedNoToken() {
    assertThat(vigil.get("/health/live").status()).isEqualTo(200);
    assertThat(vigil.get("/health/ready").status()).isEqualTo(200);
    assertThat(vigil.get("/metrics").status()).isEqualTo(200);
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    Response response = vigil.send(vigil.request("/api/queues").header("Authorization", "bearer " + VIEWER).GET());

    assertThat(response.status()).isEqualTo(200);
  }
}
