package io.vigil.queue.redis;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vigil.store.TaskTimesTest;
import io.vigil.store.pg.PgTestDatabase;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A queued task answered by its breaker's fallback is shown degraded, on Redis and in PostgreSQL history")
class DegradedTaskIT {
  Vertx targets;
  HttpServer primary;
  HttpServer backup;
  PgTestDatabase database;
  RedisTestSupport redis;
  String prefix;
  RunningVigil vigil;

  @BeforeEach
  void start() {
    targets = Vertx.vertx();
    primary = Await.result(targets.createHttpServer()
        .requestHandler(request -> request.response().setStatusCode(503).end("down")).listen(0));
    backup = Await.result(targets.createHttpServer().requestHandler(request -> request.response()
        .putHeader("Content-Type", "application/json").end("{\"queued_by\":\"backup\"}")).listen(0));
    database = PgTestDatabase.create();
    redis = new RedisTestSupport();
    prefix = RedisTestSupport.freshPrefix();
    vigil = RunningVigil.start("""
        breakers: {window_size: 3, minimum_calls: 3, open_ms: 600000, half_open_calls: 1}
        task_types:
          order: {handler: http, target: "http://127.0.0.1:%1$d/order",
                  degrade: {strategy: fallback-handler, handler: http, target: "http://127.0.0.1:%2$d/order"}}
          plain: {handler: http, target: "http://127.0.0.1:%1$d/plain"}
        """.formatted(primary.actualPort(), backup.actualPort()),
        Map.of("VIGIL_PG_URL", database.url(), "VIGIL_STORE_FLUSH_INTERVAL_MS", "10",
            "VIGIL_REDIS_URL", RedisTestSupport.URL, "VIGIL_REDIS_PREFIX", prefix));
  }

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    if (database != null) database.close();
    if (redis != null) {
      redis.deleteUnder(prefix);
      redis.close();
    }
    if (targets != null) Await.result(targets.close());
  }

  String submit(String type) {
    return vigil.post("/api/tasks", new JsonObject().put("type", type).put("max_attempts", 1)
        .put("payload", new JsonObject().put("sku", "A1"))).json().getString("id");
  }

  JsonObject awaitStatus(String id, String status) {
    return Eventually.await("task " + id + " " + status, Duration.ofSeconds(15),
        () -> vigil.get("/api/tasks/" + id).json(), task -> status.equals(task.getString("status")));
  }

  @Test
  void getListAndHistoryShowTheFallbacksAnswerAsDegradedAndATargetsOwnAnswerAsNot() {
    for (int i = 0; i < 3; i++) awaitStatus(submit("plain"), "dead"); // three failures open the target's breaker

    String id = submit("order");
    JsonObject task = awaitStatus(id, "completed");

    assertThat(task.getJsonObject("result").getString("queued_by")).isEqualTo("backup");
    assertThat(task.getJsonObject("degraded")).isEqualTo(new JsonObject().put("strategy", "fallback-handler")
        .put("breaker", "http:127.0.0.1:" + primary.actualPort()));
    JsonObject listed = vigil.get("/api/tasks?queue=" + task.getString("queue") + "&status=completed").json()
        .getJsonArray("tasks").stream().map(JsonObject.class::cast).filter(t -> t.getString("id").equals(id))
        .findFirst().orElseThrow();
    assertThat(listed.getJsonObject("degraded")).isEqualTo(task.getJsonObject("degraded"));
    assertThat(TaskTimesTest.fromHistory(vigil, id, "completed").getJsonObject("degraded"))
        .isEqualTo(task.getJsonObject("degraded"));

    String dead = vigil.get("/api/tasks?status=dead").json().getJsonArray("tasks").getJsonObject(0).getString("id");
    assertThat(vigil.get("/api/tasks/" + dead).json().containsKey("degraded")).as("failed, not degraded").isFalse();

    assertThat(ids(vigil.get("/api/tasks?degraded=true").json())).as("the queue's degraded answers").containsExactly(id);
    assertThat(ids(vigil.get("/api/tasks?source=history&degraded=true").json())).as("the history's")
        .containsExactly(id);
    assertThat(vigil.get("/api/tasks?degraded=yes").status()).as("not true or false").isEqualTo(422);
  }

  private static java.util.List<String> ids(JsonObject listing) {
    return listing.getJsonArray("tasks").stream().map(t -> ((JsonObject) t).getString("id")).toList();
  }
}
