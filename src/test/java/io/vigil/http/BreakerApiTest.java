package io.vigil.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.BreakerStateChanged;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GET /api/breakers and the breaker facts, against a real failing target")
class BreakerApiTest {
  static final String VIEWER = "viewer-secret-0123456789";
  static final String PRODUCER = "producer-secret-0123456789";
  static Vertx targetVertx;
  static HttpServer target;
  static RunningVigil vigil;
  static final AtomicInteger hits = new AtomicInteger();
  static final List<BreakerStateChanged> facts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    targetVertx = Vertx.vertx();
    target = Await.result(targetVertx.createHttpServer().requestHandler(request -> {
      hits.incrementAndGet();
      request.response().setStatusCode(503).end("maintenance");
    }).listen(0));
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10}
        breakers: {window_size: 3, minimum_calls: 3, open_ms: 600000, half_open_calls: 1}
        task_types:
          sync: {handler: http, target: "http://127.0.0.1:%d/orders", max_attempts: 6, timeout_ms: 2000,
                 backoff: {base_ms: 5, factor: 1.0, max_ms: 5, jitter: none}}
        """.formatted(target.actualPort()),
        Map.of("VIGIL_AUTH_TOKENS", "grafana:viewer:" + VIEWER + ",shop:producer:" + PRODUCER));
    Facts.listen(vigil.vertx().eventBus(), Addresses.BREAKER_STATE_CHANGED, facts::add);
  }

  @AfterAll
  static void stop() {
    vigil.close();
    Await.result(targetVertx.close());
  }

  @Test
  void aTargetThatKeepsFailingOpensItsHostsBreakerWhichTheApiListsWithItsLastTransition() {
    JsonObject before = vigil.as(VIEWER).get("/api/breakers").json().getJsonArray("breakers").getJsonObject(0);
    assertThat(before.getString("state")).as("the handler made its host's breaker at start").isEqualTo("closed");
    assertThat(before.getInteger("calls")).isZero();
    try (SseClient stream = SseClient.connect(vigil.client(), vigil.request("/api/events/stream").GET().build())) {
      JsonObject snapshot = new JsonObject(stream.nextNamed("snapshot").data());
      assertThat(snapshot.getJsonArray("breakers")).as("a dashboard gets every breaker's state on connect")
          .singleElement().satisfies(b -> assertThat(((JsonObject) b).getString("state")).isEqualTo("closed"));

      String id = vigil.as(PRODUCER).post("/api/tasks", new JsonObject().put("type", "sync")).json().getString("id");
      JsonObject task = Eventually.await("the task to die", Duration.ofSeconds(10),
          () -> vigil.as(VIEWER).get("/api/tasks/" + id).json(), t -> "dead".equals(t.getString("status")));

      assertThat(hits).as("three calls reached the target, then the breaker refused").hasValue(3);
      assertThat(task.getString("last_error")).contains("circuit open");
      Response listed = vigil.as(VIEWER).get("/api/breakers");
      assertThat(listed.status()).isEqualTo(200);
      JsonArray breakers = listed.json().getJsonArray("breakers");
      assertThat(breakers).hasSize(1);
      JsonObject breaker = breakers.getJsonObject(0);
      assertThat(breaker.getString("name")).isEqualTo("http:127.0.0.1:" + target.actualPort());
      assertThat(breaker.getString("state")).isEqualTo("open");
      assertThat(breaker.getBoolean("forced")).isFalse();
      assertThat(breaker.getDouble("failure_rate")).isEqualTo(100.0);
      assertThat(breaker.getInteger("calls")).isEqualTo(3);
      assertThat(breaker.getLong("rejected")).isEqualTo(3);
      assertThat(breaker.getString("open_until")).isNotNull();
      assertThat(breaker.getJsonObject("last_transition").getString("reason")).isEqualTo("failure_rate");
      assertThat(breaker.getJsonObject("last_transition").getString("from")).isEqualTo("closed");

      Eventually.await("the transition fact", Duration.ofSeconds(5), () -> !facts.isEmpty());
      assertThat(facts).singleElement().satisfies(fact -> {
        assertThat(fact.from()).isEqualTo(BreakerState.CLOSED);
        assertThat(fact.to()).isEqualTo(BreakerState.OPEN);
        assertThat(fact.name()).isEqualTo(breaker.getString("name"));
        assertThat(fact.node()).isEqualTo(vigil.node());
        assertThat(fact.at()).as("stamped when the breaker changed").isEqualTo(
            Instant.parse(breaker.getJsonObject("last_transition").getString("at")).truncatedTo(ChronoUnit.MILLIS));
      });
      JsonObject audited = Eventually.await("the transition in the audit log", Duration.ofSeconds(5),
          () -> vigil.as(VIEWER).get("/api/events?type=breaker.state.changed").json().getJsonArray("events"),
          events -> !events.isEmpty()).getJsonObject(0);
      assertThat(audited.getString("component")).isEqualTo("breaker:" + breaker.getString("name"));
      assertThat(audited.getString("severity")).isEqualTo("warning");
      assertThat(audited.getJsonObject("details").getString("to")).isEqualTo("open");
      assertThat(audited.getJsonObject("details").getString("reason")).isEqualTo("failure_rate");
      SseClient.Event streamed = stream.nextNamed("breaker.state.changed");
      assertThat(streamed.id()).as("kept for Last-Event-ID resumes").isNotBlank();
      assertThat(new JsonObject(streamed.data()).getJsonObject("details").getString("to")).isEqualTo("open");
    }
  }

  @Test
  void listingBreakersNeedsAToken() {
    Response anonymous = vigil.as(null).get("/api/breakers");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
  }
}
