package io.vigil.queue.redis;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.notify.RecordingReceiver;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ScriptedWorker;
import io.vigil.testing.SseClient;
import io.vigil.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil on the real Redis through a TCP proxy the test can cut: losing Redis switches to the fallback on its own,
 * with a CRITICAL event; work already in Redis is kept; Redis answering again switches back.
 */
@DisplayName("Losing Redis and getting it back")
class RedisFallbackIT {
  static final String CONFIG = """
      queue: {idle_poll_ms: 10, reap_interval_ms: 100}
      system: {backend_check_ms: 100, fallback: %s}
      redis: {reconnect_max_ms: 400}
      queues:
        default: {}
        held: {}
      task_types:
        echo: {handler: eventbus}
        later: {handler: eventbus, queue: held}
      """;

  RedisTestSupport redis;
  TcpProxy proxy;
  String prefix;
  RunningVigil vigil;
  ScriptedWorker echo;

  @BeforeEach
  void setUp() {
    redis = new RedisTestSupport();
    URI target = URI.create(RedisTestSupport.URL);
    proxy = TcpProxy.start(target.getHost(), target.getPort());
    prefix = RedisTestSupport.freshPrefix();
  }

  @AfterEach
  void tearDown() {
    if (vigil != null) vigil.close();
    proxy.close();
    redis.deleteUnder(prefix);
    redis.close();
  }

  void startVigil(String fallback) {
    startVigil(fallback, "", Map.of());
  }

  void startVigil(String fallback, String moreYaml, Map<String, String> moreEnv) {
    Map<String, String> env = new HashMap<>(moreEnv);
    env.put("VIGIL_REDIS_URL", "redis://127.0.0.1:" + proxy.port());
    env.put("VIGIL_REDIS_PREFIX", prefix);
    vigil = RunningVigil.start(CONFIG.formatted(fallback) + moreYaml, env);
    echo = ScriptedWorker.register(vigil.vertx(), "echo");
    ScriptedWorker.register(vigil.vertx(), "later");
  }

  SseClient stream() {
    SseClient stream = SseClient.connect(vigil.client(), vigil.request("/api/events/stream").GET().build());
    stream.nextNamed("snapshot");
    return stream;
  }

  Response submit(String type, JsonObject payload, String... headers) {
    return vigil.post("/api/tasks", new JsonObject().put("type", type).put("payload", payload), headers);
  }

  String status(String id) {
    return vigil.get("/api/tasks/" + id).json().getString("status");
  }

  @Test
  void whenRedisIsUnreachableNewWorkRunsInlineAndEverythingSwitchesBackWhenItAnswers() {
    startVigil("sync_direct");
    vigil.post("/api/queues/held/pause", new JsonObject().put("reason", "keep work in Redis"));
    List<String> held = new JsonArray(List.of(1, 2, 3, 4, 5)).stream()
        .map(n -> submit("later", new JsonObject().put("n", n)).json().getString("id")).toList();

    try (SseClient events = stream()) {
      proxy.cut();

      Map<String, SseClient.Event> loss = events.nextOfEach("queue.backend.lost", "system.mode.changed");
      JsonObject lost = new JsonObject(loss.get("queue.backend.lost").data());
      assertThat(lost.getString("severity")).isEqualTo("critical");
      JsonObject switched = new JsonObject(loss.get("system.mode.changed").data());
      assertThat(switched.getJsonObject("details").getString("mode")).isEqualTo("sync_direct");
      assertThat(switched.getString("actor")).isEqualTo("system");

      JsonObject mode = vigil.get("/api/system/mode").json();
      assertThat(mode.getString("mode")).isEqualTo("sync_direct");
      assertThat(mode.getString("configured")).isEqualTo("async_queue");
      assertThat(mode.getBoolean("fallback_active")).isTrue();
      Response ready = vigil.get("/health/ready");
      assertThat(ready.status()).as("still serving: ready, but degraded").isEqualTo(200);
      assertThat(ready.body()).contains("DEGRADED");

      Response inline = submit("echo", new JsonObject().put("result", new JsonObject().put("sent", 1)), "Idempotency-Key", "k-1");
      assertThat(inline.status()).isEqualTo(201);
      assertThat(inline.json().getString("status")).isEqualTo("completed");
      assertThat(inline.json().getJsonObject("result")).isEqualTo(new JsonObject().put("sent", 1));
      String inlineId = inline.json().getString("id");
      Response again = submit("echo", new JsonObject().put("result", new JsonObject().put("sent", 1)), "Idempotency-Key", "k-1");
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().getString("id")).isEqualTo(inlineId);
      assertThat(echo.attemptsOf(inlineId)).as("run exactly once at submit").containsExactly(1);

      proxy.restore();

      Map<String, SseClient.Event> recovery = events.nextOfEach("queue.backend.restored", "system.mode.changed");
      JsonObject restored = new JsonObject(recovery.get("queue.backend.restored").data());
      assertThat(restored.getJsonObject("details").getLong("downtime_ms")).isGreaterThan(0);
      JsonObject back = new JsonObject(recovery.get("system.mode.changed").data());
      assertThat(back.getJsonObject("details").getString("mode")).isEqualTo("async_queue");
    }
    assertThat(vigil.get("/api/system/mode").json().getBoolean("fallback_active")).isFalse();
    Response queued = submit("echo", new JsonObject());
    assertThat(queued.status()).isEqualTo(202);
    String id = queued.json().getString("id");
    Eventually.await("queued work to flow again", Duration.ofSeconds(10), () -> "completed".equals(status(id)));

    vigil.post("/api/queues/held/resume", new JsonObject().put("reason", "release"));
    Eventually.await("the work kept in Redis through the outage to run", Duration.ofSeconds(10),
        () -> held.stream().allMatch(t -> "completed".equals(status(t))));
  }

  @Test
  void theAutomaticSwitchReachesTheCriticalRouteWithinASecondAndTheSwitchBackResolvesIt() {
    Vertx receivers = Vertx.vertx();
    try {
      RecordingReceiver hook = RecordingReceiver.start(receivers);
      startVigil("sync_direct", """
          notifications:
            channels:
              ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
          alarms:
            routes: {critical: [ops-hook]}
          """, Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"), "VIGIL_TEST_HOOK_KEY", "whsec-fallback-0123456789"));

      try (SseClient events = stream()) {
        proxy.cut();
        Instant switched = Instant.parse(new JsonObject(events.nextNamed("system.mode.changed").data()).getString("time"));
        JsonObject away = Eventually.await("the switch's message", Duration.ofSeconds(10), () -> modeChanges(hook),
            seen -> !seen.isEmpty()).get(0);
        Duration late = Duration.between(switched, Instant.now());
        System.out.println("the fallback's message arrived at most " + late.toMillis() + " ms after the switch");
        assertThat(late).isLessThan(Duration.ofSeconds(1));
        assertThat(away.getString("status")).isEqualTo("firing");
        assertThat(away.getJsonArray("alerts").getJsonObject(0).getJsonObject("annotations").getString("summary"))
            .endsWith("switched from async_queue to sync_direct automatically");

        proxy.restore();
        Eventually.await("the switch back's message", Duration.ofSeconds(20), () -> modeChanges(hook),
            seen -> seen.size() == 2);
      }
      List<JsonObject> both = modeChanges(hook);
      assertThat(both.get(1).getString("status")).isEqualTo("resolved");
      assertThat(both.get(1).getString("groupKey")).isEqualTo(both.get(0).getString("groupKey"));
    } finally {
      Await.result(receivers.close());
    }
  }

  static List<JsonObject> modeChanges(RecordingReceiver hook) {
    return hook.requests().stream().map(RecordingReceiver.Request::json)
        .filter(body -> "mode_change".equals(body.getJsonObject("vigil").getString("kind"))).toList();
  }

  @Test
  void withTheRejectFallbackNewWorkIsRefusedUntilRedisAnswers() {
    startVigil("reject");
    proxy.cut();
    Eventually.await("the loss to be noticed", Duration.ofSeconds(10),
        () -> vigil.get("/api/system/mode").json().getBoolean("backend_lost"));

    Response refused = submit("echo", new JsonObject());

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.problemType()).isEqualTo("backend-unavailable");
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(vigil.get("/health/ready").status()).isEqualTo(503);

    proxy.restore();
    Eventually.await("Redis to answer again", Duration.ofSeconds(10),
        () -> !vigil.get("/api/system/mode").json().getBoolean("backend_lost"));
    assertThat(submit("echo", new JsonObject()).status()).isEqualTo(202);
  }

  @Test
  void killedRedisConnectionsAreReopenedAndNoWorkIsLost() {
    startVigil("sync_direct");
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 300; i++) batch.add(new JsonObject().put("type", "echo"));
    vigil.post("/api/queues/default/pause", new JsonObject());
    Response accepted = vigil.post("/api/tasks/batch", new JsonObject().put("tasks", batch));
    assertThat(accepted.status()).isEqualTo(202);
    vigil.post("/api/queues/default/resume", new JsonObject());

    List<String> ours = proxy.upstreamAddresses();
    assertThat(ours).isNotEmpty();
    for (String address : ours) {
      redis.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ADDR").arg(address));
    }

    JsonObject stats = Eventually.await("every task to complete after the kill", Duration.ofSeconds(20),
        () -> vigil.get("/api/queues/default").json(), s -> Long.valueOf(300).equals(s.getLong("completed")));
    assertThat(stats.getLong("dead")).isZero();
    Eventually.await("normal mode", Duration.ofSeconds(10),
        () -> "async_queue".equals(vigil.get("/api/system/mode").json().getString("mode")));
    assertThat(submit("echo", new JsonObject()).status()).isEqualTo(202);
  }

  /**
   * Redis is cut while clients keep submitting: the submissions whose enqueue fails are run inline (201) and set off
   * the switch, so not one valid submission gets anything but 2xx, and every accepted task completes.
   */
  @Test
  void submissionsInFlightWhenRedisDiesRunInlineAndNoneFailsOrIsLost() throws Exception {
    startVigil("sync_direct");
    List<Response> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int client = c;
      running.add(clients.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          answers.add(submit("echo", new JsonObject().put("client", client).put("n", n)));
        }
      }));
    }
    try {
      Eventually.until("submissions to flow into Redis", () -> answers.size() >= 100);
      proxy.cut();
      int atCut = answers.size();
      Eventually.until("the fallback to switch", () -> vigil.get("/api/system/mode").json().getBoolean("fallback_active"));
      Eventually.until("more submissions during the outage", () -> answers.size() >= atCut + 100);
      proxy.restore();
      Eventually.until("Redis back in use", 20_000,
          () -> !vigil.get("/api/system/mode").json().getBoolean("fallback_active"));
      int atRestore = answers.size();
      Eventually.until("submissions after the outage", () -> answers.size() >= atRestore + 50);
    } finally {
      stop.set(true);
      for (java.util.concurrent.Future<?> client : running) client.get(30, java.util.concurrent.TimeUnit.SECONDS);
      clients.shutdown();
    }

    assertThat(answers.stream().filter(r -> r.status() != 201 && r.status() != 202).toList())
        .as("answers other than 201 and 202 out of " + answers.size()).isEmpty();
    assertThat(answers.stream().filter(r -> r.status() == 201)).as("some ran inline").isNotEmpty();
    assertThat(answers.stream().filter(r -> r.status() == 201))
        .allSatisfy(r -> assertThat(r.json().getString("status")).isEqualTo("completed"));
    List<String> queued = answers.stream().filter(r -> r.status() == 202).map(r -> r.json().getString("id")).toList();
    Eventually.await("every queued task to complete", Duration.ofSeconds(30),
        () -> queued.stream().filter(id -> !"completed".equals(status(id))).toList(), List::isEmpty);
  }
}
