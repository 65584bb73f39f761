package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, scenario 7: two Vigil nodes (each its own Vert.x instance, in this JVM) on the real Redis at
 * 127.0.0.1:6379 under a prefix of this run. Fails when Redis is not there.
 */
@DisplayName("Scenario 7: two Vigil nodes on one Redis share their circuit breakers")
class BreakerSharingIT {
  static final String URL = System.getenv().getOrDefault("VIGIL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  static final String ADMIN = "admin-secret-0123456789abc";
  static final long OPEN_MS = 30_000;

  final String prefix = "it-breakers-" + UUID.randomUUID().toString().substring(0, 8);
  /** A target nobody listens on: the http task type makes its host's breaker on every node at start. */
  final int deadPort = RunningVigil.freePort();
  final String name = "http:127.0.0.1:" + deadPort;
  final List<RunningVigil> nodes = new ArrayList<>();

  RunningVigil node() {
    RunningVigil node = RunningVigil.start("""
        breakers: {window_size: 3, minimum_calls: 3, open_ms: %d, half_open_calls: 1}
        task_types:
          call: {handler: http, target: "http://127.0.0.1:%d/x", max_attempts: 1, timeout_ms: 2000}
        """.formatted(OPEN_MS, deadPort),
        Map.of("VIGIL_REDIS_URL", URL, "VIGIL_REDIS_PREFIX", prefix, "VIGIL_AUTH_TOKENS", "ops:admin:" + ADMIN));
    nodes.add(node);
    return node.as(ADMIN);
  }

  static Breaker breaker(RunningVigil node, String name) {
    return Breakers.of(node.vertx()).find(name).orElseThrow();
  }

  static JsonObject listed(RunningVigil node, String name) {
    return node.get("/api/breakers").json().getJsonArray("breakers").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("name").equals(name)).findFirst().orElseThrow();
  }

  /** Waits (polling every millisecond) until {@code node}'s breaker is in {@code state}; answers how long it took. */
  static long millisUntil(RunningVigil node, String name, BreakerState state, long limitMs) {
    long started = System.nanoTime();
    Eventually.await(name + " " + state.wireName() + " on " + node.node(), Duration.ofMillis(limitMs), () -> {
      if (breaker(node, name).state() == state) return true;
      Thread.onSpinWait();
      return false;
    });
    return (System.nanoTime() - started) / 1_000_000;
  }

  void close(RunningVigil node) {
    nodes.remove(node);
    node.close();
  }

  @AfterEach
  void cleanUp() {
    nodes.forEach(RunningVigil::close);
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, URL);
      Response keys = Await.result(redis.send(Request.cmd(Command.KEYS).arg(prefix + ":*")));
      for (Response key : keys) Await.result(redis.send(Request.cmd(Command.DEL).arg(key.toString())));
      redis.close();
    } finally {
      Await.result(vertx.close());
    }
  }

  @Test
  void aBreakerOpenedOnOneNodeIsOpenOnTheOtherWithinASecondAndStaysOpenAcrossARestartOfBothUntilItsTimeEnds() {
    RunningVigil a = node();
    RunningVigil b = node();
    Breaker onA = breaker(a, name);

    for (int i = 0; i < 3; i++) onA.execute(() -> Future.failedFuture("connection refused"));
    assertThat(onA.state()).isEqualTo(BreakerState.OPEN);
    long latency = millisUntil(b, name, BreakerState.OPEN, 1_000);

    JsonObject onB = listed(b, name);
    assertThat(onB.getString("tripped_by")).isEqualTo(a.node());
    assertThat(onB.getString("open_until")).isEqualTo(listed(a, name).getString("open_until"));
    Instant openUntil = Instant.parse(onB.getString("open_until"));
    assertThat(breaker(b, name).execute(() -> Future.succeededFuture("made")).failed())
        .as("b refuses the call without making it").isTrue();

    close(a);
    close(b);
    RunningVigil a2 = node();
    RunningVigil b2 = node();
    assertThat(Instant.now()).as("the restarts took less than the open time").isBefore(openUntil);
    for (RunningVigil restarted : List.of(a2, b2)) {
      JsonObject listedAfter = listed(restarted, name);
      assertThat(listedAfter.getString("state")).isEqualTo("open");
      assertThat(Instant.parse(listedAfter.getString("open_until"))).isEqualTo(openUntil);
      assertThat(breaker(restarted, name).execute(() -> Future.succeededFuture("made")).failed()).isTrue();
    }

    Eventually.await("the open time to end", Duration.ofMillis(OPEN_MS + 2_000), () -> Instant.now().isAfter(openUntil));
    Future<String> trial = breaker(b2, name).execute(() -> Future.succeededFuture("made"));
    assertThat(trial.succeeded()).as("once the open time is over, a trial call goes through").isTrue();
    assertThat(breaker(b2, name).state()).isEqualTo(BreakerState.CLOSED);
    millisUntil(a2, name, BreakerState.CLOSED, 1_000);
    System.out.printf("trip on A -> OPEN on B: %d ms%n", latency);
  }

  @Test
  void aForcedStateHoldsOnBothNodesWhateverTheirCallsDoUntilAnAdminResetsIt() {
    RunningVigil a = node();
    RunningVigil b = node();

    JsonObject forced = a.post("/api/breakers/" + name + "/open", new JsonObject()).json();
    assertThat(forced.getString("state")).isEqualTo("forced_open");
    millisUntil(b, name, BreakerState.FORCED_OPEN, 1_000);
    assertThat(listed(b, name).getString("tripped_by")).isEqualTo(a.node());
    assertThat(listed(b, name).getString("forced_by")).isEqualTo("ops");

    b.post("/api/breakers/" + name + "/close", new JsonObject());
    millisUntil(a, name, BreakerState.FORCED_CLOSED, 1_000);
    assertThat(listed(a, name).getString("forced_by")).isEqualTo("ops");
    for (int i = 0; i < 6; i++) breaker(a, name).execute(() -> Future.failedFuture("down"));
    assertThat(breaker(a, name).state()).as("failures do not open a forced-closed breaker")
        .isEqualTo(BreakerState.FORCED_CLOSED);

    RunningVigil c = node();
    assertThat(breaker(c, name).state()).as("a node started meanwhile is forced too").isEqualTo(BreakerState.FORCED_CLOSED);

    a.post("/api/breakers/" + name + "/reset", new JsonObject());
    millisUntil(b, name, BreakerState.CLOSED, 1_000);
    millisUntil(c, name, BreakerState.CLOSED, 1_000);
  }
}
