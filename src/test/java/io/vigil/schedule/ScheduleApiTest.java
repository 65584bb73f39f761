package io.vigil.schedule;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("/api/schedules on a running node: the file's schedules and the API's, next run times, runs linked to their schedule")
class ScheduleApiTest {
  static final String VIEWER = "viewer-secret-0123456789";
  static final String PRODUCER = "producer-secret-0123456789";
  static final String OPERATOR = "operator-secret-0123456789";
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10}
        task_types:
          report: {handler: noop}
        schedules:
          nightly: {task: {type: report, payload: {kind: nightly}}, cron: "0 6 * * *", time_zone: Europe/Berlin}
        """, Map.of("VIGIL_AUTH_TOKENS", "watch:viewer:" + VIEWER + ",shop:producer:" + PRODUCER
        + ",oncall:operator:" + OPERATOR));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  private static JsonObject schedule(String id) {
    return vigil.as(VIEWER).get("/api/schedules/" + id).json();
  }

  @Test
  void theFilesScheduleIsListedWithItsNextRunTimesInItsZone() {
    JsonArray all = Eventually.await("the leader's scheduler", Duration.ofSeconds(10),
        () -> vigil.as(VIEWER).get("/api/schedules"), r -> r.status() == 200).json().getJsonArray("schedules");

    JsonObject nightly = all.stream().map(JsonObject.class::cast).filter(s -> s.getString("id").equals("nightly"))
        .findFirst().orElseThrow();
    assertThat(nightly.getString("source")).isEqualTo("config");
    assertThat(nightly.getString("cron")).isEqualTo("0 6 * * *");
    assertThat(nightly.getString("time_zone")).isEqualTo("Europe/Berlin");
    assertThat(nightly.getJsonArray("next_runs")).hasSize(3);
    Instant next = Instant.parse(nightly.getString("next_run_at"));
    assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(6);
    assertThat(next).isAfter(Instant.now());
  }

  @Test
  void anOperatorsScheduleRunsItsTaskEverySecondEachRunLinkedToItInTheTaskAndTheAuditLog() {
    JsonObject body = new JsonObject().put("id", "heartbeat").put("every", "1s")
        .put("task", new JsonObject().put("type", "report").put("payload", new JsonObject().put("kind", "beat")));

    Response created = vigil.as(OPERATOR).post("/api/schedules", body);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/schedules/heartbeat");
    assertThat(created.json().getString("source")).isEqualTo("api");
    List<JsonObject> runs = Eventually.await("two runs of the schedule", Duration.ofSeconds(10), () ->
        vigil.as(VIEWER).get("/api/tasks?limit=1000").json().getJsonArray("tasks").stream().map(JsonObject.class::cast)
            .filter(t -> "heartbeat".equals(t.getString("schedule_id"))).toList(), list -> list.size() >= 2);
    assertThat(runs).allSatisfy(t -> {
      assertThat(t.getString("idempotency_key")).startsWith("schedule:heartbeat@");
      assertThat(t.getJsonObject("payload")).isEqualTo(new JsonObject().put("kind", "beat"));
    });
    assertThat(runs.stream().map(t -> t.getString("idempotency_key")).distinct()).hasSameSizeAs(runs);
    JsonObject shown = schedule("heartbeat");
    assertThat(shown.getString("last_task_id")).isNotNull();
    assertThat(shown.getLong("enqueued_by_this_leader")).isGreaterThanOrEqualTo(2);
    JsonArray audit = vigil.as(VIEWER).get("/api/events?type=schedule.created").json().getJsonArray("events");
    assertThat(audit.getJsonObject(0).getString("actor")).isEqualTo("oncall");

    assertThat(vigil.as(OPERATOR).delete("/api/schedules/heartbeat").status()).isEqualTo(200);
    assertThat(vigil.as(VIEWER).get("/api/schedules/heartbeat").status()).isEqualTo(404);
    assertThat(vigil.as(OPERATOR).delete("/api/schedules/heartbeat").status()).isEqualTo(404);
  }

  @Test
  void postingAnIdAgainReplacesTheSchedule() {
    JsonObject body = new JsonObject().put("id", "weekly").put("cron", "0 9 * * 1")
        .put("task", new JsonObject().put("type", "report"));
    assertThat(vigil.as(OPERATOR).post("/api/schedules", body).status()).isEqualTo(201);

    Response replaced = vigil.as(OPERATOR).post("/api/schedules", body.copy().put("cron", "0 10 * * 1"));

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(schedule("weekly").getString("cron")).isEqualTo("0 10 * * 1");
    vigil.as(OPERATOR).delete("/api/schedules/weekly");
  }

  @Test
  void aBadScheduleIsRefusedNamingEachBadKey() {
    JsonObject body = new JsonObject().put("id", "bad").put("cron", "61 * * *").put("time_zone", "Mars/Olympus")
        .put("overlap", "sometimes").put("task", new JsonObject().put("type", "nope").put("colour", "red"));

    Response refused = vigil.as(OPERATOR).post("/api/schedules", body);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList())
        .contains("cron", "overlap", "task.type", "task.colour");
    assertThat(vigil.as(OPERATOR).post("/api/schedules", new JsonObject().put("id", "both").put("every", "1m")
        .put("cron", "* * * * *").put("task", new JsonObject().put("type", "report"))).status()).isEqualTo(422);
  }

  @Test
  void theFilesSchedulesAreChangedInTheFileNotOverTheApi() {
    JsonObject body = new JsonObject().put("id", "nightly").put("every", "1h")
        .put("task", new JsonObject().put("type", "report"));

    assertThat(vigil.as(OPERATOR).post("/api/schedules", body).problemType()).isEqualTo("schedule-in-config");
    assertThat(vigil.as(OPERATOR).delete("/api/schedules/nightly").status()).isEqualTo(409);
  }

  @Test
  void viewersReadProducersAreRefusedChanges() {
    JsonObject body = new JsonObject().put("id", "x").put("every", "1h").put("task", new JsonObject().put("type", "report"));

    assertThat(vigil.as(PRODUCER).post("/api/schedules", body).status()).isEqualTo(403);
    assertThat(vigil.as(VIEWER).delete("/api/schedules/nightly").status()).isEqualTo(403);
    assertThat(vigil.as(VIEWER).get("/api/schedules").status()).isEqualTo(200);
  }
}
