package io.vigil.queue.handler;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The http handler against a real local target")
class HttpHandlerTest {
  static Vertx targetVertx;
  static HttpServer target;
  static RunningVigil vigil;
  /** Bodies the target received, by path. */
  static final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();
  static final Map<String, List<String>> attemptHeaders = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    targetVertx = Vertx.vertx();
    target = Await.result(targetVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String path = request.path();
      received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(body.toJsonObject());
      attemptHeaders.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request.getHeader("X-Vigil-Attempt"));
      switch (path) {
        case "/ok" -> request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end("{\"receipt\":\"r-1\"}");
        case "/broken" -> request.response().setStatusCode(500).end("database on fire");
        case "/reject" -> request.response().setStatusCode(400).end("missing customer");
        case "/busy" -> request.response().setStatusCode(429).end();
        default -> request.response().setStatusCode(404).end();
      }
    })).listen(0));
    String base = "http://127.0.0.1:" + target.actualPort();
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10}
        task_type_defaults:
          handler: http
          max_attempts: 3
          timeout_ms: 2000
          backoff: {base_ms: 10, factor: 2.0, max_ms: 40, jitter: none}
        task_types:
          deliver: {target: "%1$s/ok"}
          crash: {target: "%1$s/broken"}
          refuse: {target: "%1$s/reject"}
          throttle: {target: "%1$s/busy", max_attempts: 2}
          tripper: {target: "http://localhost:%2$d/broken", max_attempts: 8}
        """.formatted(base, target.actualPort()));
  }

  @AfterAll
  static void stop() {
    vigil.close();
    Await.result(targetVertx.close());
  }

  static String submit(String type, JsonObject payload) {
    return vigil.post("/api/tasks", new JsonObject().put("type", type).put("payload", payload)).json().getString("id");
  }

  static JsonObject awaitFinal(String id) {
    return Eventually.await("task " + id + " to finish", Duration.ofSeconds(10), () -> vigil.get("/api/tasks/" + id).json(),
        t -> List.of("completed", "dead").contains(t.getString("status")));
  }

  @Test
  void a200CompletesTheTaskWithTheResponseAsItsResult() {
    String id = submit("deliver", new JsonObject().put("invoice", 17));

    JsonObject task = awaitFinal(id);

    assertThat(task.getString("status")).isEqualTo("completed");
    assertThat(task.getJsonObject("result")).isEqualTo(new JsonObject().put("receipt", "r-1"));
    JsonObject sent = received.get("/ok").stream().filter(b -> id.equals(b.getString("id"))).findFirst().orElseThrow();
    assertThat(sent.getString("type")).isEqualTo("deliver");
    assertThat(sent.getInteger("attempt")).isEqualTo(1);
    assertThat(sent.getJsonObject("payload")).isEqualTo(new JsonObject().put("invoice", 17));
  }

  @Test
  void a500IsRetriedUntilTheAttemptsRunOut() {
    String id = submit("crash", new JsonObject());

    JsonObject task = awaitFinal(id);

    assertThat(task.getString("status")).isEqualTo("dead");
    assertThat(task.getInteger("attempts")).isEqualTo(3);
    assertThat(task.getString("last_error")).contains("500").contains("database on fire");
    assertThat(received.get("/broken").stream().filter(b -> id.equals(b.getString("id"))).map(b -> b.getInteger("attempt")))
        .containsExactly(1, 2, 3);
  }

  @Test
  void a400IsPermanentAndGoesStraightToTheDeadLetterQueue() {
    String id = submit("refuse", new JsonObject());

    JsonObject task = awaitFinal(id);

    assertThat(task.getString("status")).isEqualTo("dead");
    assertThat(task.getInteger("attempts")).isEqualTo(1);
    assertThat(task.getString("last_error")).contains("400").contains("missing customer");
  }

  @Test
  void fiveServerErrorsInARowOpenTheBreakerForThatHostAndLaterAttemptsFailFast() {
    int before = received.getOrDefault("/broken", List.of()).size();
    String id = submit("tripper", new JsonObject());

    JsonObject task = awaitFinal(id);

    assertThat(task.getString("status")).isEqualTo("dead");
    assertThat(task.getInteger("attempts")).isEqualTo(8);
    assertThat(task.getString("last_error")).contains("circuit open");
    assertThat(received.get("/broken").size() - before).as("requests that reached the target").isEqualTo(5);
  }

  @Test
  void a429IsRetried() {
    String id = submit("throttle", new JsonObject());

    JsonObject task = awaitFinal(id);

    assertThat(task.getString("status")).isEqualTo("dead");
    assertThat(task.getInteger("attempts")).isEqualTo(2);
  }
}
