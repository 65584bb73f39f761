package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ScriptedWorker;
import io.vigil.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The system mode (kill switch) over HTTP")
class SystemModeApiTest {
  static final String ADMIN = "admin-secret-0123456789abc";
  static final String OPERATOR = "operator-secret-0123456789";
  static RunningVigil vigil;
  static ScriptedWorker slow;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, shutdown_grace_ms: 300}
        system: {retry_after_s: 17}
        task_types:
          slow: {handler: eventbus, timeout_ms: 10000}
        """, Map.of("VIGIL_AUTH_TOKENS", "root:admin:" + ADMIN + ",oncall:operator:" + OPERATOR));
    slow = ScriptedWorker.register(vigil.vertx(), "slow");
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @AfterEach
  void backToNormal() {
    vigil.as(ADMIN).post("/api/system/resume", new JsonObject().put("reason", "test cleanup"));
  }

  static String submitNoop() {
    Response response = vigil.as(ADMIN).post("/api/tasks", new JsonObject().put("type", "noop"));
    return response.status() == 202 ? response.json().getString("id") : null;
  }

  @Test
  void theModeIsReadableByAViewerAndStartsNormal() {
    JsonObject mode = vigil.as(OPERATOR).get("/api/system/mode").json();

    assertThat(mode.getString("mode")).isEqualTo("async_queue");
    assertThat(mode.getBoolean("accepting_work")).isTrue();
    assertThat(mode.getBoolean("fallback_active")).isFalse();
  }

  @Test
  void changingTheModeNeedsAnAdminToken() {
    Response asOperator = vigil.as(OPERATOR).put("/api/system/mode",
        new JsonObject().put("mode", "paused").put("reason", "try"));
    Response anonymous = vigil.as(null).post("/api/system/stop", new JsonObject().put("reason", "try"));

    assertThat(asOperator.status()).isEqualTo(403);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(vigil.as(ADMIN).get("/api/system/mode").json().getString("mode")).isEqualTo("async_queue");
  }

  @Test
  void aChangeNeedsAKnownModeAndAReason() {
    Response response = vigil.as(ADMIN).put("/api/system/mode", new JsonObject().put("mode", "turbo"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("mode", "reason");
  }

  @Test
  void stoppingRefusesNewWorkWith503AndRetryAfterAndResumingLetsItFlowAgain() {
    Response stopped = vigil.as(ADMIN).post("/api/system/stop", new JsonObject().put("reason", "data at risk"));
    assertThat(stopped.status()).isEqualTo(200);
    assertThat(stopped.json().getString("mode")).isEqualTo("stopped");
    assertThat(stopped.json().getString("changed_by")).isEqualTo("root");

    Response refused = vigil.as(ADMIN).post("/api/tasks", new JsonObject().put("type", "noop"));
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("17");
    assertThat(refused.problemType()).isEqualTo("system-stopped");
    assertThat(vigil.get("/health/ready").status()).as("readiness is down while stopped").isEqualTo(503);
    assertThat(vigil.get("/health/live").status()).as("liveness stays up").isEqualTo(200);

    Response resumed = vigil.as(ADMIN).post("/api/system/resume", new JsonObject().put("reason", "fixed"));
    assertThat(resumed.json().getString("mode")).isEqualTo("async_queue");
    String id = submitNoop();
    assertThat(id).isNotNull();
    Eventually.await("work to flow again", Duration.ofSeconds(10),
        () -> "completed".equals(vigil.get("/api/tasks/" + id).json().getString("status")));
  }

  @Test
  void fromStoppedOnlyAResumeIsAllowed() {
    vigil.as(ADMIN).post("/api/system/stop", new JsonObject().put("reason", "incident"));

    Response response = vigil.as(ADMIN).put("/api/system/mode", new JsonObject().put("mode", "sync_direct")
        .put("reason", "skip the queue"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.problemType()).isEqualTo("illegal-mode-transition");
  }

  @Test
  void pausedAcceptsAndHoldsWorkUntilResumed() {
    vigil.as(ADMIN).put("/api/system/mode", new JsonObject().put("mode", "paused").put("reason", "deploy"));

    String id = submitNoop();
    assertThat(id).as("paused still accepts").isNotNull();
    assertThat(vigil.get("/api/tasks/" + id).json().getString("status")).isEqualTo("queued");

    vigil.as(ADMIN).post("/api/system/resume", new JsonObject().put("reason", "deployed"));
    Eventually.await("the held task to run", Duration.ofSeconds(10),
        () -> "completed".equals(vigil.get("/api/tasks/" + id).json().getString("status")));
  }

  @Test
  void syncDirectRunsTheTaskAtSubmitAndAnswers201WithTheResult() {
    vigil.as(ADMIN).put("/api/system/mode", new JsonObject().put("mode", "sync_direct").put("reason", "drill"));

    Response response = vigil.as(ADMIN).post("/api/tasks", new JsonObject().put("type", "slow")
        .put("payload", new JsonObject().put("result", new JsonObject().put("sent", true))));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().getString("status")).isEqualTo("completed");
    assertThat(response.json().getJsonObject("result")).isEqualTo(new JsonObject().put("sent", true));
    assertThat(slow.attemptsOf(response.json().getString("id"))).containsExactly(1);
  }

  @Test
  void stoppingReleasesTasksStillRunningAfterTheGracePeriod() {
    Response submitted = vigil.as(ADMIN).post("/api/tasks", new JsonObject().put("type", "slow")
        .put("payload", new JsonObject().put("hang_attempts", 1)));
    String id = submitted.json().getString("id");
    Eventually.await("the task to start", Duration.ofSeconds(5), () -> !slow.attemptsOf(id).isEmpty());

    vigil.as(ADMIN).post("/api/system/stop", new JsonObject().put("reason", "incident"));

    JsonObject released = Eventually.await("the running task to be released", Duration.ofSeconds(5),
        () -> vigil.get("/api/tasks/" + id).json(), t -> "queued".equals(t.getString("status")));
    assertThat(released.getInteger("attempts")).as("a released attempt does not count").isZero();
    vigil.as(ADMIN).post("/api/system/resume", new JsonObject().put("reason", "over"));
    // the released attempt did not count, so the task runs again as attempt 1
    Eventually.await("the released task to be claimed again", Duration.ofSeconds(10), () -> slow.attemptsOf(id).size() == 2);
    assertThat(slow.attemptsOf(id)).containsExactly(1, 1);
  }

  @Test
  void everyChangeIsOnTheStreamWithItsActorAndReason() {
    var request = vigil.as(ADMIN).request("/api/events/stream").GET().build();
    try (SseClient stream = SseClient.connect(vigil.client(), request)) {
      stream.nextNamed("snapshot");
      vigil.as(ADMIN).put("/api/system/mode", new JsonObject().put("mode", "paused").put("reason", "audit me"));

      // the previous test's cleanup (a resume) may reach the stream after this connection opened: wait for this one
      SseClient.Event changed = stream.next(e -> "system.mode.changed".equals(e.name())
              && "audit me".equals(new JsonObject(e.data()).getJsonObject("details").getString("reason")),
          Duration.ofSeconds(10));
      JsonObject event = new JsonObject(changed.data());

      assertThat(changed.id()).as("kept for Last-Event-ID resumes").isNotBlank();
      assertThat(event.getString("actor")).isEqualTo("root");
      assertThat(event.getJsonObject("details").getString("mode")).isEqualTo("paused");
      assertThat(event.getJsonObject("details").getString("previous")).isEqualTo("async_queue");
    }
  }
}
