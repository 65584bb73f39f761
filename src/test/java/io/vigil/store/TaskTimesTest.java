package io.vigil.store;

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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One precision and one instant (issue 12): a task reads with the same times, to the millisecond and always with three
 * decimals, from the queue, from history and in the audit log. The embedded memory queue and store here;
 * {@code TaskTimesIT} holds Redis and PostgreSQL to the same.
 */
@DisplayName("A task's times read the same from the queue and from history, to the millisecond")
public class TaskTimesTest {
  public static final Pattern MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  static final List<String> TIMES = List.of("run_at", "created_at", "updated_at", "started_at", "finished_at");
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("", Map.of("VIGIL_STORE_FLUSH_INTERVAL_MS", "10"));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  /** The task as history has it, once it is there. */
  public static JsonObject fromHistory(RunningVigil vigil, String id, String status) {
    return Eventually.await("task " + id + " in history", Duration.ofSeconds(15),
        () -> vigil.get("/api/tasks?source=history&status=" + status + "&limit=1000").json().getJsonArray("tasks")
            .stream().map(JsonObject.class::cast).filter(t -> t.getString("id").equals(id)).findFirst().orElse(null),
        found -> found != null);
  }

  /** Every time field present in both, in the one format, and the same instant in both. */
  public static void assertSameTimes(JsonObject queue, JsonObject history) {
    for (String field : TIMES) {
      assertThat(queue.getString(field)).as("queue %s of %s", field, queue).isNotNull().matches(MILLIS);
      assertThat(history.getString(field)).as("history %s", field).isEqualTo(queue.getString(field));
    }
  }

  public static void assertCancelledTimes(RunningVigil vigil) {
    String id = vigil.post("/api/tasks", new JsonObject().put("type", "noop").put("delay_ms", 600_000))
        .json().getString("id");
    JsonObject cancelled = vigil.delete("/api/tasks/" + id).json();
    JsonObject history = fromHistory(vigil, id, "cancelled");
    for (String field : List.of("run_at", "created_at", "updated_at", "finished_at")) {
      assertThat(cancelled.getString(field)).as(field).matches(MILLIS);
      assertThat(history.getString(field)).as(field).isEqualTo(cancelled.getString(field));
    }
  }

  @Test
  void aCompletedTaskHasTheSameTimesInTheQueueAndInHistory() {
    Response submitted = vigil.post("/api/tasks", new JsonObject().put("type", "noop"));
    String id = submitted.json().getString("id");
    assertThat(submitted.json().getString("created_at")).matches(MILLIS);

    JsonObject history = fromHistory(vigil, id, "completed");
    JsonObject queue = vigil.get("/api/tasks/" + id).json();

    assertThat(queue.getString("status")).isEqualTo("completed");
    assertSameTimes(queue, history);
    assertThat(queue.getString("created_at")).isEqualTo(submitted.json().getString("created_at"));
  }

  @Test
  void aCancelledTaskHasTheSameTimesInTheQueueAndInHistory() {
    assertCancelledTimes(vigil);
  }

  @Test
  void auditEventsAreStampedToTheMillisecond() {
    vigil.post("/api/queues/default/pause", new JsonObject().put("reason", "times"));
    vigil.post("/api/queues/default/resume", new JsonObject().put("reason", "times"));

    JsonArray events = Eventually.await("the pause in the audit log", Duration.ofSeconds(10),
        () -> vigil.get("/api/events?type=queue.paused").json().getJsonArray("events"), e -> !e.isEmpty());

    assertThat(events.getJsonObject(0).getString("time")).matches(MILLIS);
  }
}
