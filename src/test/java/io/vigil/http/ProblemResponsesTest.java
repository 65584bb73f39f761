package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input gets a problem document, never a 500")
class ProblemResponsesTest {
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        http: {body_limit_bytes: 2048}
        queue: {payload_max_bytes: 1024}
        """);
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.json();
    assertThat(problem.getString("type")).isEqualTo("urn:vigil:problem:" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(problem.getString("request_id")).isEqualTo(response.header("X-Request-Id"));
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void malformedJsonIs400() {
    assertProblem(vigil.post("/api/tasks", "{\"type\": ", "application/json"), 400, "malformed-json");
  }

  @Test
  void aJsonValueThatIsNotAnObjectIs400() {
    assertProblem(vigil.post("/api/tasks", "[1,2]", "application/json"), 400, "malformed-json");
    assertProblem(vigil.post("/api/tasks", "42", "application/json"), 400, "malformed-json");
  }

  @Test
  void anEmptyBodyIs400() {
    assertProblem(vigil.post("/api/tasks", "", "application/json"), 400, "malformed-json");
  }

  @Test
  void aBodyThatIsNotJsonByContentTypeIs415() {
    assertProblem(vigil.post("/api/tasks", "type=noop", "application/x-www-form-urlencoded"), 415, "unsupported-media-type");
    assertProblem(vigil.post("/api/tasks", "{\"type\":\"noop\"}", null), 415, "unsupported-media-type");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"type\":\"noop\",\"payload\":{\"x\":\"" + "a".repeat(4096) + "\"}}";

    assertProblem(vigil.post("/api/tasks", big, "application/json"), 413, "payload-too-large");
  }

  @Test
  void aPayloadOverItsOwnLimitIs413() {
    String payload = "{\"type\":\"noop\",\"payload\":{\"x\":\"" + "a".repeat(1500) + "\"}}";

    assertProblem(vigil.post("/api/tasks", payload, "application/json"), 413, "payload-too-large");
  }

  @Test
  void everyInvalidFieldIsNamedIn422() {
    JsonObject body = new JsonObject().put("payload", "text").put("priority", 12).put("max_attempts", 0)
        .put("run_at", "tomorrow").put("colour", "blue");

    Response response = vigil.post("/api/tasks", body);

    assertProblem(response, 422, "validation-failed");
    assertThat(response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("type", "payload", "priority", "max_attempts", "run_at", "colour");
  }

  @Test
  void runAtAndDelayTogetherAreRejected() {
    Response response = vigil.post("/api/tasks", new JsonObject().put("type", "noop")
        .put("run_at", "2030-01-01T00:00:00Z").put("delay_ms", 5));

    assertProblem(response, 422, "validation-failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "+275760-09-13T00:00:00.001Z"})
  void aRunAtNoStoreCanHoldIs422NamingTheLatest(String runAt) {
    Response response = vigil.post("/api/tasks", new JsonObject().put("type", "noop").put("run_at", runAt));

    assertProblem(response, 422, "validation-failed");
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("run_at");
    assertThat(error.getString("message")).contains("9999-12-31T23:59:59.999Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e18", "9223372036854775807", "253402300800000"})
  void aDelayPastTheLatestRunAtIs422NamingTheLatest(String delay) {
    Response response = vigil.post("/api/tasks", "{\"type\":\"noop\",\"delay_ms\":" + delay + "}", "application/json");

    assertProblem(response, 422, "validation-failed");
    JsonObject error = response.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("delay_ms");
    assertThat(error.getString("message")).contains("9999-12-31T23:59:59.999Z");
  }

  @Test
  void theLatestRunAtIsAcceptedAndReadBackAsSent() {
    Response response = vigil.post("/api/tasks", new JsonObject().put("type", "noop")
        .put("run_at", "9999-12-31T23:59:59.999Z"));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(response.json().getString("run_at")).isEqualTo("9999-12-31T23:59:59.999Z");
    String id = response.json().getString("id");
    assertThat(vigil.get("/api/tasks/" + id).json().getString("run_at")).isEqualTo("9999-12-31T23:59:59.999Z");
  }

  @Test
  void anUnknownTaskTypeIs422() {
    Response response = vigil.post("/api/tasks", new JsonObject().put("type", "teleport"));

    assertProblem(response, 422, "unknown-task-type");
    assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("type");
  }

  @Test
  void anUnknownQueueIs422() {
    Response response = vigil.post("/api/tasks", new JsonObject().put("type", "noop").put("queue", "nowhere"));

    assertProblem(response, 422, "unknown-queue");
  }

  @Test
  void anUnknownRouteIs404() {
    assertProblem(vigil.get("/api/nothing-here"), 404, "not-found");
  }

  @Test
  void aWrongMethodIs405() {
    assertProblem(vigil.send("PATCH", "/api/tasks"), 405, "method-not-allowed");
  }

  @Test
  void anUnknownQueueInThePathIs404() {
    assertProblem(vigil.get("/api/queues/nowhere"), 404, "not-found");
    assertProblem(vigil.post("/api/queues/nowhere/pause", new JsonObject()), 404, "not-found");
  }

  @Test
  void replayIdsMustBeStrings() {
    Response response = vigil.post("/api/queues/default/dead-letters/replay", new JsonObject().put("ids", 5));

    assertProblem(response, 422, "validation-failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"type\":null}", "{\"type\":[]}", "{\"type\":\"noop\",\"payload\":[]}",
      "{\"type\":\"noop\",\"priority\":\"urgent\"}", "{\"type\":\"noop\",\"delay_ms\":-1}",
      "{\"type\":\"noop\",\"delay_ms\":1.5}", "{\"type\":\"noop\",\"idempotency_key\":\"\"}",
      "{\"type\":\"noop\",\"max_attempts\":\"3\"}", "{\"\":{}}", "{\"type\":\"noop\",\"run_at\":5}"})
  void oddButWellFormedBodiesAre422NotServerErrors(String body) {
    Response response = vigil.post("/api/tasks", body, "application/json");

    assertProblem(response, 422, "validation-failed");
  }
}
