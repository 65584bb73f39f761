package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The task API")
class TaskApiTest {
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10}
        http: {batch_max_tasks: 5}
        queues:
          default: {}
          held: {}
        task_types:
          later: {}
          held: {queue: held}
        """);
    vigil.post("/api/queues/held/pause", new JsonObject());
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static JsonObject noop(Object payload) {
    return new JsonObject().put("type", "noop").put("payload", payload);
  }

  static Response awaitStatus(String id, String status) {
    return Eventually.await("task " + id + " to be " + status, Duration.ofSeconds(10),
        () -> vigil.get("/api/tasks/" + id), r -> r.status() == 200 && status.equals(r.json().getString("status")));
  }

  @Nested
  class Submitting {
    @Test
    void aSubmittedTaskIsAcceptedWith202ALocationAndTheTask() {
      Response response = vigil.post("/api/tasks", noop(new JsonObject().put("order", 42)));

      assertThat(response.status()).isEqualTo(202);
      JsonObject task = response.json();
      assertThat(task.getString("id")).isNotBlank();
      assertThat(response.header("Location")).isEqualTo("/api/tasks/" + task.getString("id"));
      assertThat(task.getString("type")).isEqualTo("noop");
      assertThat(task.getString("queue")).isEqualTo("default");
      assertThat(task.getString("status")).isEqualTo("queued");
      assertThat(task.getInteger("attempts")).isZero();
      assertThat(task.getInteger("max_attempts")).isEqualTo(5);
      assertThat(task.getJsonObject("payload")).isEqualTo(new JsonObject().put("order", 42));
      assertThat(task.getString("created_at")).isNotNull();
      assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void aSubmittedTaskRunsAndCanBeReadBackCompleted() {
      String id = vigil.post("/api/tasks", noop(new JsonObject())).json().getString("id");

      JsonObject task = awaitStatus(id, "completed").json();

      assertThat(task.getInteger("attempts")).isEqualTo(1);
      assertThat(task.getString("finished_at")).isNotNull();
      assertThat(task.getString("started_at")).isNotNull();
    }

    @Test
    void priorityMaxAttemptsAndQueueCanBeChosen() {
      JsonObject body = new JsonObject().put("type", "held").put("priority", "high").put("max_attempts", 9)
          .put("payload", new JsonObject());

      JsonObject task = vigil.post("/api/tasks", body).json();

      assertThat(task.getInteger("priority")).isEqualTo(8);
      assertThat(task.getInteger("max_attempts")).isEqualTo(9);
      assertThat(task.getString("queue")).isEqualTo("held");
    }

    @Test
    void aDelayedTaskWaitsUntilItsRunAtKeptToTheMillisecond() {
      Instant runAt = Instant.now().plusSeconds(3600).with(java.time.temporal.ChronoField.NANO_OF_SECOND, 123_456_789);
      JsonObject task = vigil.post("/api/tasks", new JsonObject().put("type", "later").put("run_at", runAt.toString()))
          .json();

      assertThat(task.getString("status")).isEqualTo("delayed");
      assertThat(task.getString("run_at")).endsWith(".123Z");
      assertThat(Instant.parse(task.getString("run_at"))).isEqualTo(runAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void delayMsIsCountedFromNow() {
      JsonObject task = vigil.post("/api/tasks", new JsonObject().put("type", "later").put("delay_ms", 60_000)).json();

      assertThat(task.getString("status")).isEqualTo("delayed");
      assertThat(Instant.parse(task.getString("run_at"))).isAfter(Instant.now().plusSeconds(50));
    }

    @Test
    void theRequestIdGivenByTheCallerIsEchoed() {
      Response response = vigil.post("/api/tasks", noop(new JsonObject()), "X-Request-Id", "req-123");

      assertThat(response.header("X-Request-Id")).isEqualTo("req-123");
    }
  }

  @Nested
  class Idempotency {
    @Test
    void theSameKeyAndPayloadReturnsTheOriginalTaskWith200() {
      String key = UUID.randomUUID().toString();
      Response first = vigil.post("/api/tasks", noop(new JsonObject().put("a", 1).put("b", 2)), "Idempotency-Key", key);

      Response again = vigil.post("/api/tasks", noop(new JsonObject().put("b", 2).put("a", 1)), "Idempotency-Key", key);

      assertThat(first.status()).isEqualTo(202);
      assertThat(first.header("Idempotent-Replayed")).isNull();
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
      assertThat(again.json().getString("idempotency_key")).isEqualTo(key);
    }

    @Test
    void theKeyCanTravelInTheBody() {
      JsonObject body = noop(new JsonObject()).put("idempotency_key", "body-" + UUID.randomUUID());
      Response first = vigil.post("/api/tasks", body);

      Response again = vigil.post("/api/tasks", body);

      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
    }

    @Test
    void theSameKeyWithADifferentPayloadIs409() {
      String key = UUID.randomUUID().toString();
      String original = vigil.post("/api/tasks", noop(new JsonObject().put("a", 1)), "Idempotency-Key", key)
          .json().getString("id");

      Response conflict = vigil.post("/api/tasks", noop(new JsonObject().put("a", 2)), "Idempotency-Key", key);

      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(conflict.problemType()).isEqualTo("idempotency-conflict");
      assertThat(conflict.json().getJsonArray("errors").getJsonObject(0).getString("message")).contains(original);
    }

    @Test
    void aHeaderAndABodyKeyThatDifferAreRejected() {
      Response response = vigil.post("/api/tasks", noop(new JsonObject()).put("idempotency_key", "one"),
          "Idempotency-Key", "two");

      assertThat(response.status()).isEqualTo(422);
      assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("idempotency_key");
    }
  }

  @Nested
  class Batches {
    @Test
    void aBatchPlacesEveryTaskAndSaysWhichWereReplays() {
      String key = UUID.randomUUID().toString();
      JsonArray tasks = new JsonArray()
          .add(noop(new JsonObject().put("i", 1)).put("idempotency_key", key))
          .add(noop(new JsonObject().put("i", 2)))
          .add(noop(new JsonObject().put("i", 1)).put("idempotency_key", key));

      Response response = vigil.post("/api/tasks/batch", new JsonObject().put("tasks", tasks));

      assertThat(response.status()).isEqualTo(202);
      JsonObject body = response.json();
      assertThat(body.getLong("accepted")).isEqualTo(2);
      assertThat(body.getLong("replayed")).isEqualTo(1);
      JsonArray items = body.getJsonArray("tasks");
      assertThat(items).hasSize(3);
      assertThat(items.getJsonObject(2).getJsonObject("task").getString("id"))
          .isEqualTo(items.getJsonObject(0).getJsonObject("task").getString("id"));
    }

    @Test
    void aBareArrayIsAcceptedAsABatch() {
      Response response = vigil.post("/api/tasks/batch", new JsonArray().add(noop(new JsonObject())).encode(),
          "application/json");

      assertThat(response.status()).isEqualTo(202);
      assertThat(response.json().getLong("accepted")).isEqualTo(1);
    }

    @Test
    void invalidItemsAreAllNamedByIndexAndNothingIsPlaced() {
      long before = vigil.get("/api/tasks?limit=1000").array("tasks").size();
      JsonArray tasks = new JsonArray().add(noop(new JsonObject())).add(new JsonObject().put("payload", 1))
          .add("not a task");

      Response response = vigil.post("/api/tasks/batch", new JsonObject().put("tasks", tasks));

      assertThat(response.status()).isEqualTo(422);
      assertThat(response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
          .contains("tasks[1].type", "tasks[1].payload", "tasks[2]");
      assertThat(vigil.get("/api/tasks?limit=1000").array("tasks").size()).isEqualTo(before);
    }

    @Test
    void aBatchOverTheConfiguredCountIs413() {
      JsonArray tasks = new JsonArray();
      for (int i = 0; i < 6; i++) tasks.add(noop(new JsonObject()));

      Response response = vigil.post("/api/tasks/batch", new JsonObject().put("tasks", tasks));

      assertThat(response.status()).isEqualTo(413);
      assertThat(response.problemType()).isEqualTo("payload-too-large");
    }
  }

  @Nested
  class Reading {
    @Test
    void anUnknownIdIs404() {
      Response response = vigil.get("/api/tasks/" + UUID.randomUUID());

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.problemType()).isEqualTo("not-found");
    }

    @Test
    void listingFiltersByQueueAndStatusNewestFirst() {
      String first = vigil.post("/api/tasks", new JsonObject().put("type", "held")).json().getString("id");
      String second = vigil.post("/api/tasks", new JsonObject().put("type", "held")).json().getString("id");

      JsonArray listed = vigil.get("/api/tasks?queue=held&status=queued&limit=2").array("tasks");

      assertThat(listed).hasSize(2);
      assertThat(listed.getJsonObject(0).getString("id")).isEqualTo(second);
      assertThat(listed.getJsonObject(1).getString("id")).isEqualTo(first);
      assertThat(vigil.get("/api/tasks?queue=held&status=completed").array("tasks")).isEmpty();
    }

    @Test
    void badListParametersAreNamed() {
      Response response = vigil.get("/api/tasks?status=sleeping&limit=0");

      assertThat(response.status()).isEqualTo(422);
      assertThat(response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
          .containsExactlyInAnyOrder("status", "limit");
    }

    @Test
    void listingAnUnknownQueueIs422() {
      Response response = vigil.get("/api/tasks?queue=nope");

      assertThat(response.status()).isEqualTo(422);
      assertThat(response.problemType()).isEqualTo("unknown-queue");
    }
  }

  @Nested
  class Cancelling {
    @Test
    void aWaitingTaskIsCancelled() {
      String id = vigil.post("/api/tasks", new JsonObject().put("type", "later").put("delay_ms", 600_000))
          .json().getString("id");

      Response response = vigil.delete("/api/tasks/" + id + "?reason=wrong%20customer");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().getString("status")).isEqualTo("cancelled");
      assertThat(vigil.get("/api/tasks/" + id).json().getString("status")).isEqualTo("cancelled");
    }

    @Test
    void aFinishedTaskCannotBeCancelled() {
      String id = vigil.post("/api/tasks", noop(new JsonObject())).json().getString("id");
      awaitStatus(id, "completed");

      Response response = vigil.delete("/api/tasks/" + id);

      assertThat(response.status()).isEqualTo(409);
      assertThat(response.problemType()).isEqualTo("not-cancellable");
      assertThat(response.json().getString("detail")).contains("completed");
    }

    @Test
    void cancellingAnUnknownTaskIs404() {
      assertThat(vigil.delete("/api/tasks/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
  }
}
