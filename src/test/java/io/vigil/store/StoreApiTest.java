package io.vigil.store;

import io.vigil.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** History and the audit log through the HTTP API, on the embedded memory store. */
class StoreApiTest {
  private static final String VIEWER_SECRET = "viewer-secret-0123456789";
  private static final String OPS_SECRET = "ops-secret-0123456789abc";

  private static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("", Map.of(
        "VIGIL_AUTH_TOKENS", "dashboard:viewer:" + VIEWER_SECRET + ",night-ops:operator:" + OPS_SECRET,
        "VIGIL_QUEUES_DEFAULT_RETENTION_MAX", "0", // the queue forgets finished tasks at once: history remembers
        "VIGIL_STORE_FLUSH_INTERVAL_MS", "10",
        "VIGIL_METRICS_ENABLED", "false"));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @Test
  void aManualActionIsAuditedWithTheTokensNameAndTheReason() {
    assertThat(vigil.as(OPS_SECRET).post("/api/queues/default/pause", new JsonObject().put("reason", "db maintenance")).status())
        .isEqualTo(200);
    vigil.as(OPS_SECRET).post("/api/queues/default/resume", new JsonObject().put("reason", "done"));

    Eventually.until("the pause is in the audit log",
        () -> vigil.as(VIEWER_SECRET).get("/api/events?type=queue.paused").json().getJsonArray("events").size() == 1);
    JsonObject paused = vigil.as(VIEWER_SECRET).get("/api/events?type=queue.paused").json().getJsonArray("events").getJsonObject(0);

    assertThat(paused.getString("actor")).isEqualTo("night-ops");
    assertThat(paused.getString("severity")).isEqualTo("warning");
    assertThat(paused.getString("component")).isEqualTo("queue:default");
    assertThat(paused.getJsonObject("details").getString("reason")).isEqualTo("db maintenance");
  }

  @Test
  void aTaskTheQueueHasForgottenIsReadFromHistory() {
    Response submitted = vigil.as(OPS_SECRET).post("/api/tasks", new JsonObject().put("type", "noop")
        .put("payload", new JsonObject().put("order", 42)));
    String id = submitted.json().getString("id");

    Eventually.until("the task is in history", () -> vigil.as(OPS_SECRET).get("/api/tasks/" + id).status() == 200
        && "completed".equals(vigil.as(OPS_SECRET).get("/api/tasks/" + id).json().getString("status")));
    vigil.as(OPS_SECRET).post("/api/tasks", new JsonObject().put("type", "noop")); // the queue trims finished tasks as it works
    Eventually.until("the queue forgets the task", () -> vigil.vertx().eventBus()
        .request(io.vigil.bus.Addresses.TASKS_GET.name(), new JsonObject().put("id", id))
        .toCompletionStage().toCompletableFuture().handle((ok, error) -> error != null
            && io.vigil.bus.Failure.from(error).status() == 404).join());

    JsonObject task = vigil.as(VIEWER_SECRET).get("/api/tasks/" + id).json();

    assertThat(task.getJsonObject("payload").getInteger("order")).isEqualTo(42);
    JsonArray history = vigil.as(VIEWER_SECRET).get("/api/tasks?source=history&queue=default&limit=5").json().getJsonArray("tasks");
    assertThat(history.stream().map(t -> ((JsonObject) t).getString("id"))).contains(id);
  }

  @Test
  void aCancelledTaskReachesHistoryAndIsReadThereOnceTheQueueForgetsIt() {
    String id = vigil.as(OPS_SECRET).post("/api/tasks", new JsonObject().put("type", "noop").put("delay_ms", 600_000)
        .put("payload", new JsonObject().put("order", 7))).json().getString("id");

    Response cancelled = vigil.as(OPS_SECRET).delete("/api/tasks/" + id + "?reason=duplicate");
    assertThat(cancelled.json().getString("status")).isEqualTo("cancelled");

    JsonObject task = Eventually.await("the cancelled task in history", java.time.Duration.ofSeconds(10),
        () -> vigil.as(VIEWER_SECRET).get("/api/tasks/" + id), r -> r.status() == 200).json();
    assertThat(task.getString("status")).isEqualTo("cancelled");
    assertThat(task.getString("finished_at")).isEqualTo(cancelled.json().getString("finished_at"));
    assertThat(task.getJsonObject("payload").getInteger("order")).isEqualTo(7);
    JsonArray history = vigil.as(VIEWER_SECRET).get("/api/tasks?source=history&status=cancelled&limit=5").json()
        .getJsonArray("tasks");
    assertThat(history.stream().map(t -> ((JsonObject) t).getString("id"))).contains(id);
    JsonObject audited = Eventually.await("the cancellation in the audit log", java.time.Duration.ofSeconds(10),
        () -> vigil.as(VIEWER_SECRET).get("/api/events?type=task.cancelled&limit=100"),
        r -> r.json().getJsonArray("events").stream().anyMatch(e -> id.equals(taskIdOf(e)))).json();
    JsonObject event = audited.getJsonArray("events").stream().filter(e -> id.equals(taskIdOf(e)))
        .map(JsonObject.class::cast).findFirst().orElseThrow();
    assertThat(event.getString("time")).as("one instant for the event: the fact and the row agree")
        .isEqualTo(task.getString("finished_at"));
  }

  private static String taskIdOf(Object event) {
    return ((JsonObject) event).getJsonObject("details").getString("task_id");
  }

  @Test
  void theAuditLogPagesWithItsCursorNewestFirst() {
    Eventually.until("earlier writes are done", () -> result(vigil.vertx().eventBus()
        .<JsonObject>request(io.vigil.bus.Addresses.STORE_HEALTH.name(), new JsonObject())).body().getInteger("buffered") == 0);
    int before = vigil.as(VIEWER_SECRET).get("/api/events?component=queue:default&limit=1000").json().getJsonArray("events").size();
    for (int i = 0; i < 3; i++) {
      vigil.as(OPS_SECRET).post("/api/queues/default/pause", new JsonObject().put("reason", "page " + i));
      vigil.as(OPS_SECRET).post("/api/queues/default/resume", new JsonObject());
    }
    Eventually.until("six more events are kept", () -> vigil.as(VIEWER_SECRET).get("/api/events?component=queue:default&limit=1000")
        .json().getJsonArray("events").size() == before + 6);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Response page = vigil.as(VIEWER_SECRET).get("/api/events?component=queue:default&limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().getJsonArray("events").forEach(e -> seen.add(((JsonObject) e).getString("time") + " "
          + ((JsonObject) e).getString("id")));
      cursor = page.json().getString("next_cursor");
    } while (cursor != null);

    List<String> all = vigil.as(VIEWER_SECRET).get("/api/events?component=queue:default&limit=1000").json().getJsonArray("events")
        .stream().map(e -> ((JsonObject) e).getString("time") + " " + ((JsonObject) e).getString("id")).toList();
    assertThat(seen).containsExactlyElementsOf(all);
  }

  @Test
  void badEventQueriesAreRefusedNamingEachField() {
    Response answer = vigil.as(VIEWER_SECRET).get("/api/events?severity=loud&since=yesterday&until=2026-13-01&limit=0"
        + "&cursor=nonsense");

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("severity", "since", "until", "limit", "cursor");
  }

  @Test
  void theAuditLogNeedsAToken() {
    assertThat(vigil.as(null).get("/api/events").status()).isEqualTo(401);
  }

  @Test
  void readinessShowsTheStore() {
    JsonObject ready = vigil.as(VIEWER_SECRET).get("/health/ready").json();
    JsonObject store = ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals("store")).findFirst().orElseThrow();

    assertThat(store.getString("status")).isEqualTo("UP");
    assertThat(store.getJsonObject("data").getString("backend")).isEqualTo("memory");
    assertThat(store.getJsonObject("data").getString("state")).isEqualTo("UP");
  }
}
