package io.vigil.queue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.TaskDegraded;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Graceful degradation while a task type's breaker is open, against real HTTP targets (sync_direct)")
class DegradationTest {
  static final String PRODUCER = "producer-secret-0123456789";
  static Vertx targets;
  static HttpServer primary;
  static HttpServer backup;
  static final AtomicBoolean up = new AtomicBoolean(true);
  static final AtomicInteger primaryHits = new AtomicInteger();
  static RunningVigil vigil;
  static final List<TaskDegraded> facts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    targets = Vertx.vertx();
    primary = Await.result(targets.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      primaryHits.incrementAndGet();
      JsonObject task = body.toJsonObject();
      if (!up.get()) {
        request.response().setStatusCode(503).end("down");
        return;
      }
      request.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("price", 42).put("for", task.getJsonObject("payload")).encode());
    })).listen(0));
    backup = Await.result(targets.createHttpServer().requestHandler(request -> request.response()
        .putHeader("Content-Type", "application/json").end("{\"queued_by\":\"backup\"}")).listen(0));
    vigil = RunningVigil.start("""
        system: {mode: sync_direct}
        breakers: {window_size: 3, minimum_calls: 3, open_ms: 600000, half_open_calls: 1}
        task_types:
          quote: {handler: http, target: "http://127.0.0.1:%1$d/quote", degrade: {strategy: cache, key: customer}}
          order: {handler: http, target: "http://127.0.0.1:%1$d/order",
                  degrade: {strategy: fallback-handler, handler: http, target: "http://127.0.0.1:%2$d/order"}}
          plain: {handler: http, target: "http://127.0.0.1:%1$d/plain"}
        """.formatted(primary.actualPort(), backup.actualPort()),
        Map.of("VIGIL_AUTH_TOKENS", "shop:producer:" + PRODUCER)).as(PRODUCER);
    Facts.listen(vigil.vertx().eventBus(), Addresses.TASK_DEGRADED, facts::add);
  }

  @AfterAll
  static void stop() {
    vigil.close();
    Await.result(targets.close());
  }

  static Response submit(String type, JsonObject payload) {
    return vigil.post("/api/tasks", new JsonObject().put("type", type).put("payload", payload));
  }

  @Test
  void whileTheBreakerIsOpenCacheAnswersFromTheLastGoodResultFallbackAsksTheBackupAndFailFastFails() {
    Response fresh = submit("quote", new JsonObject().put("customer", "c1").put("n", 1));
    assertThat(fresh.status()).isEqualTo(201);
    assertThat(fresh.json().containsKey("degraded")).isFalse();
    assertThat(fresh.header("Vigil-Degraded")).isNull();

    up.set(false);
    for (int i = 0; i < 3; i++) assertThat(submit("plain", new JsonObject()).status()).isEqualTo(502);
    int hitsWhenOpen = primaryHits.get();

    Response cached = submit("quote", new JsonObject().put("customer", "c1").put("n", 2));
    assertThat(cached.status()).isEqualTo(201);
    assertThat(cached.json().getJsonObject("result").getInteger("price")).isEqualTo(42);
    assertThat(cached.json().getJsonObject("result").getJsonObject("for").getInteger("n"))
        .as("the last good result for customer c1, not a new answer").isEqualTo(1);
    JsonObject degraded = cached.json().getJsonObject("degraded");
    assertThat(degraded.getString("strategy")).isEqualTo("cache");
    assertThat(degraded.getString("breaker")).isEqualTo("http:127.0.0.1:" + primary.actualPort());
    assertThat(degraded.getString("result_at")).isNotNull();
    assertThat(cached.header("Vigil-Degraded")).startsWith("cache; breaker=http:127.0.0.1:");

    Response unknownKey = submit("quote", new JsonObject().put("customer", "c2"));
    assertThat(unknownKey.status()).as("nothing cached for c2: fails fast").isEqualTo(502);
    assertThat(unknownKey.header("Content-Type")).startsWith("application/problem+json");

    Response fallback = submit("order", new JsonObject().put("sku", "A1"));
    assertThat(fallback.status()).isEqualTo(201);
    assertThat(fallback.json().getJsonObject("result").getString("queued_by")).isEqualTo("backup");
    assertThat(fallback.json().getJsonObject("degraded").getString("strategy")).isEqualTo("fallback-handler");

    assertThat(submit("plain", new JsonObject()).status()).as("fail-fast, the default").isEqualTo(502);
    assertThat(primaryHits).as("no call reached the failing target while its breaker was open").hasValue(hitsWhenOpen);
    Eventually.await("the degraded answers as facts", Duration.ofSeconds(5), () -> facts.size() >= 2);
    assertThat(facts).extracting(f -> f.type() + ":" + f.degraded().strategy())
        .containsExactly("quote:cache", "order:fallback-handler");
  }
}
