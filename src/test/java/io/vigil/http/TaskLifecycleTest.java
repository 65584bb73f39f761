package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ScriptedWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Tasks through retries, the dead-letter queue and lease expiry")
class TaskLifecycleTest {
  static RunningVigil vigil;
  static ScriptedWorker flaky;
  static ScriptedWorker picky;
  static ScriptedWorker hangs;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, reap_interval_ms: 50}
        queues:
          default: {}
          dlq: {}
          slow: {lease_ms: 300, extend_leases: false}
        task_types:
          flaky:
            handler: eventbus
            max_attempts: 5
            backoff: {base_ms: 20, factor: 2.0, max_ms: 100, jitter: none}
          picky:
            handler: eventbus
            queue: dlq
            max_attempts: 5
            backoff: {base_ms: 20, max_ms: 100}
          hangs:
            handler: eventbus
            queue: slow
            timeout_ms: 1500
            max_attempts: 3
            backoff: {base_ms: 20, max_ms: 100}
        """);
    flaky = ScriptedWorker.register(vigil.vertx(), "flaky");
    picky = ScriptedWorker.register(vigil.vertx(), "picky");
    hangs = ScriptedWorker.register(vigil.vertx(), "hangs");
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static String submit(String type, JsonObject script) {
    Response response = vigil.post("/api/tasks", new JsonObject().put("type", type).put("payload", script));
    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    return response.json().getString("id");
  }

  static JsonObject awaitStatus(String id, String status) {
    return Eventually.await("task " + id + " to be " + status, Duration.ofSeconds(10),
        () -> vigil.get("/api/tasks/" + id).json(), t -> status.equals(t.getString("status")));
  }

  @Test
  void aTaskThatFailsTwiceThenSucceedsCompletesOnItsThirdAttempt() {
    String id = submit("flaky", new JsonObject().put("fail_attempts", 2).put("result", new JsonObject().put("n", 7)));

    JsonObject task = awaitStatus(id, "completed");

    assertThat(task.getInteger("attempts")).isEqualTo(3);
    assertThat(task.getJsonObject("result")).isEqualTo(new JsonObject().put("n", 7));
    assertThat(task.getString("last_error")).contains("scripted failure on attempt 2");
    assertThat(flaky.attemptsOf(id)).containsExactly(1, 2, 3);
  }

  @Test
  void aTaskThatKeepsFailingIsDeadLetteredWhenItsAttemptsRunOut() {
    String id = submit("flaky", new JsonObject().put("fail_attempts", 99));

    JsonObject task = awaitStatus(id, "dead");

    assertThat(task.getInteger("attempts")).isEqualTo(5);
    assertThat(flaky.attemptsOf(id)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aPermanentFailureGoesStraightToTheDeadLetterQueueAndCanBeReplayed() {
    String id = submit("picky", new JsonObject().put("fail_attempts", 1).put("fail_code", 400));

    JsonObject dead = awaitStatus(id, "dead");
    assertThat(dead.getInteger("attempts")).as("no retry for a permanent failure").isEqualTo(1);
    JsonArray letters = vigil.get("/api/queues/dlq/dead-letters").array("tasks");
    assertThat(letters.stream().map(t -> ((JsonObject) t).getString("id"))).contains(id);
    assertThat(vigil.get("/api/queues/dlq").json().getLong("dead")).isGreaterThanOrEqualTo(1);

    Response replay = vigil.post("/api/queues/dlq/dead-letters/replay",
        new JsonObject().put("ids", new JsonArray().add(id)).put("reason", "target fixed"));

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().getInteger("replayed")).isEqualTo(1);
    assertThat(replay.json().getJsonArray("ids")).containsExactly(id);
    // the replay starts over at attempt 1, which the script fails permanently again
    JsonObject again = awaitStatus(id, "dead");
    assertThat(picky.attemptsOf(id)).containsExactly(1, 1);
    assertThat(again.getInteger("attempts")).isEqualTo(1);
  }

  @Test
  void aReplayedTaskThatNowSucceedsLeavesTheDeadLetterQueue() {
    picky.failEverything(true);
    String id = submit("picky", new JsonObject().put("fail_code", 422));
    awaitStatus(id, "dead");
    picky.failEverything(false);

    vigil.post("/api/queues/dlq/dead-letters/replay", new JsonObject());

    JsonObject task = awaitStatus(id, "completed");
    assertThat(task.getInteger("attempts")).isEqualTo(1);
    assertThat(vigil.get("/api/queues/dlq/dead-letters").array("tasks").stream()
        .map(t -> ((JsonObject) t).getString("id"))).doesNotContain(id);
  }

  @Test
  void purgingDeletesTheDeadLetters() {
    picky.failEverything(true);
    String id = submit("picky", new JsonObject().put("fail_code", 400));
    awaitStatus(id, "dead");
    picky.failEverything(false);

    Response purge = vigil.delete("/api/queues/dlq/dead-letters");

    assertThat(purge.status()).isEqualTo(200);
    assertThat(purge.json().getInteger("purged")).isGreaterThanOrEqualTo(1);
    assertThat(vigil.get("/api/queues/dlq/dead-letters").array("tasks")).isEmpty();
    assertThat(vigil.get("/api/tasks?queue=dlq&status=dead").array("tasks")).isEmpty();
    // gone from the queue, but its history remains readable (once the writer's batch is flushed)
    Response history = Eventually.await("the dead task in history", Duration.ofSeconds(5),
        () -> vigil.get("/api/tasks/" + id), r -> r.status() == 200);
    assertThat(history.json().getString("status")).isEqualTo("dead");
  }

  @Test
  void aTaskWhoseHandlerHangsPastItsLeaseIsReclaimedAndRunsAgain() {
    String id = submit("hangs", new JsonObject().put("hang_attempts", 1));

    JsonObject task = awaitStatus(id, "completed");

    assertThat(hangs.attemptsOf(id)).containsExactly(1, 2);
    assertThat(task.getInteger("attempts")).as("the expired lease counted as an attempt").isEqualTo(2);
    assertThat(task.getString("last_error")).contains("lease expired");
  }
}
