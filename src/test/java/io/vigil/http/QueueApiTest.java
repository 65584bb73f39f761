package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The queue API")
class QueueApiTest {
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10}
        queues:
          default: {}
          reports: {concurrency: 2}
        task_types:
          report: {queue: reports}
        """);
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @Test
  void everyConfiguredQueueIsListedWithItsStatistics() {
    JsonArray queues = vigil.get("/api/queues").array("queues");

    assertThat(queues.stream().map(q -> ((JsonObject) q).getString("queue"))).containsExactly("default", "reports");
    JsonObject stats = queues.getJsonObject(0);
    assertThat(stats.fieldNames()).contains("paused", "waiting", "delayed", "active", "completed", "retrying", "dead",
        "throughput_per_minute", "error_rate", "oldest_waiting_age_ms", "last_completed_at");
  }

  @Test
  void aPausedQueueHoldsItsTasksUntilResumed() {
    Response paused = vigil.post("/api/queues/reports/pause", new JsonObject().put("reason", "month-end freeze"));
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().getBoolean("paused")).isTrue();
    assertThat(paused.json().getBoolean("changed")).isTrue();
    assertThat(vigil.post("/api/queues/reports/pause", new JsonObject()).json().getBoolean("changed")).isFalse();

    String id = vigil.post("/api/tasks", new JsonObject().put("type", "report")).json().getString("id");
    JsonObject stats = vigil.get("/api/queues/reports").json();
    assertThat(stats.getBoolean("paused")).isTrue();
    assertThat(stats.getLong("waiting")).isEqualTo(1);
    assertThat(vigil.get("/api/tasks/" + id).json().getString("status")).isEqualTo("queued");

    assertThat(vigil.post("/api/queues/reports/resume", new JsonObject()).json().getBoolean("paused")).isFalse();

    Eventually.await("the held task to run", Duration.ofSeconds(10),
        () -> "completed".equals(vigil.get("/api/tasks/" + id).json().getString("status")));
    JsonObject after = vigil.get("/api/queues/reports").json();
    assertThat(after.getLong("waiting")).isZero();
    assertThat(after.getLong("completed")).isEqualTo(1);
    assertThat(after.getLong("throughput_per_minute")).isEqualTo(1);
    assertThat(after.getString("last_completed_at")).isNotNull();
  }

  @Test
  void theDeadLetterListIsEmptyForAHealthyQueue() {
    Response response = vigil.get("/api/queues/default/dead-letters?limit=10");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.array("tasks")).isEmpty();
  }

  @Test
  void replayingAndPurgingAnEmptyDeadLetterQueueChangeNothing() {
    assertThat(vigil.post("/api/queues/default/dead-letters/replay", new JsonObject()).json().getInteger("replayed")).isZero();
    assertThat(vigil.delete("/api/queues/default/dead-letters").json().getInteger("purged")).isZero();
  }
}
