package io.vigil.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Await;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("DELETE /api/tasks/{id} on a running task, and a timeout, actually stop the work")
class CancelRunningTaskTest {
  static final String OPERATOR = "operator-secret-0123456789";
  static final String PRODUCER = "producer-secret-0123456789";
  static Vertx targetVertx;
  static HttpServer target;
  static final AtomicInteger requests = new AtomicInteger();
  static final AtomicInteger closed = new AtomicInteger();
  static RunningVigil vigil;
  static final List<JsonObject> cancelMessages = new CopyOnWriteArrayList<>();
  static final List<Message<Object>> held = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    targetVertx = Vertx.vertx();
    // a target that never answers, and notes when the client goes away
    target = Await.result(targetVertx.createHttpServer().requestHandler(request -> {
      requests.incrementAndGet();
      request.connection().closeHandler(v -> closed.incrementAndGet());
    }).listen(0));
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, shutdown_grace_ms: 500}
        task_types:
          slow: {handler: http, target: "http://127.0.0.1:%d/work", timeout_ms: 60000, max_attempts: 3}
          hasty: {handler: http, target: "http://127.0.0.1:%d/work", timeout_ms: 300, max_attempts: 1}
          crunch: {handler: eventbus, timeout_ms: 60000, max_attempts: 3}
          stubborn: {handler: eventbus, timeout_ms: 60000, max_attempts: 3}
          quick: {handler: noop}
        """.formatted(target.actualPort(), target.actualPort()),
        Map.of("VIGIL_AUTH_TOKENS", "shop:producer:" + PRODUCER + ",oncall:operator:" + OPERATOR));
    var bus = vigil.vertx().eventBus();
    bus.consumer("vigil.worker.crunch", held::add); // works until told to stop
    bus.<JsonObject>consumer("vigil.worker.crunch.cancel", cancel -> {
      cancelMessages.add(cancel.body());
      held.forEach(m -> m.fail(499, "stopped: " + cancel.body().getString("reason")));
    });
    bus.consumer("vigil.worker.stubborn", message -> { }); // never answers, ignores cancels
  }

  @AfterAll
  static void stop() {
    vigil.close();
    Await.result(targetVertx.close());
  }

  private static String submit(String type) {
    return vigil.as(PRODUCER).post("/api/tasks", new JsonObject().put("type", type)).json().getString("id");
  }

  private static JsonObject task(String id) {
    return vigil.as(OPERATOR).get("/api/tasks/" + id).json();
  }

  private static JsonObject awaitStatus(String id, String status) {
    return Eventually.await("task " + id + " " + status, Duration.ofSeconds(10), () -> task(id),
        t -> status.equals(t.getString("status")));
  }

  @Test
  void cancellingARunningHttpTaskClosesTheTargetsConnectionAndEndsItCancelledWithoutARetry() {
    int before = requests.get();
    int closedBefore = closed.get();
    String id = submit("slow");
    awaitStatus(id, "active");
    Eventually.await("the target got the request", Duration.ofSeconds(5), () -> requests.get() == before + 1);

    Response cancel = vigil.as(OPERATOR).delete("/api/tasks/" + id + "?reason=wrong+customer");

    assertThat(cancel.status()).isEqualTo(202);
    assertThat(cancel.json().getBoolean("cancelling")).isTrue();
    Eventually.await("the target sees the connection closed", Duration.ofSeconds(5),
        () -> closed.get() > closedBefore);
    JsonObject cancelled = awaitStatus(id, "cancelled");
    assertThat(cancelled.getInteger("attempts")).isEqualTo(1);
    assertThat(requests.get()).as("not retried").isEqualTo(before + 1);
    // the audit log is written in batches: wait for the cancel to reach it
    JsonObject event = Eventually.await("the cancel in the audit log", Duration.ofSeconds(5),
        () -> vigil.as(OPERATOR).get("/api/events?type=task.cancelled&limit=50").json().getJsonArray("events")
            .stream().map(JsonObject.class::cast).filter(e -> id.equals(e.getJsonObject("details").getString("task_id")))
            .findFirst(), java.util.Optional::isPresent).orElseThrow();
    assertThat(event.getString("actor")).isEqualTo("oncall");
  }

  @Test
  void aRunningEventBusTaskSendsItsWorkerACancelMessageItHonours() {
    String id = submit("crunch");
    awaitStatus(id, "active");

    assertThat(vigil.as(OPERATOR).delete("/api/tasks/" + id).status()).isEqualTo(202);

    JsonObject message = Eventually.await("the worker's cancel message", Duration.ofSeconds(5),
        () -> cancelMessages.stream().filter(m -> id.equals(m.getString("id"))).findFirst().orElse(null),
        m -> m != null);
    assertThat(message.getInteger("attempt")).isEqualTo(1);
    assertThat(message.getString("reason")).contains("cancelled by oncall");
    assertThat(awaitStatus(id, "cancelled").getInteger("attempts")).isEqualTo(1);
  }

  @Test
  void aHandlerThatIgnoresTheCancelIsGivenUpAfterTheGracePeriodAndTheTaskEndsCancelled() {
    String id = submit("stubborn");
    awaitStatus(id, "active");

    assertThat(vigil.as(OPERATOR).delete("/api/tasks/" + id).status()).isEqualTo(202);

    assertThat(awaitStatus(id, "cancelled").getInteger("attempts")).isEqualTo(1);
  }

  @Test
  void aTimedOutHttpTaskIsStoppedTooTheTargetSeesItsConnectionClose() {
    int closedBefore = closed.get();
    String id = submit("hasty");

    JsonObject dead = awaitStatus(id, "dead");

    assertThat(dead.getString("last_error")).contains("timed out after 300 ms");
    Eventually.await("the target sees the connection closed", Duration.ofSeconds(5),
        () -> closed.get() > closedBefore);
  }

  @Test
  void aFinishedTaskIsStill409AndOnlyOperatorsCancel() {
    String id = submit("quick");
    awaitStatus(id, "completed");

    Response refused = vigil.as(OPERATOR).delete("/api/tasks/" + id);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.problemType()).isEqualTo("not-cancellable");
    assertThat(vigil.as(PRODUCER).delete("/api/tasks/" + id).status()).isEqualTo(403);
  }
}
