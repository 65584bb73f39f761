package io.vigil.queue.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalRedisCluster;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ScriptedWorker;
import io.vigil.testing.SseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil on a Redis Cluster of its own ({@code VIGIL_REDIS_MODE=cluster}): a batch across queues on different masters
 * is accepted and processed; one master going down sets off the fallback like a lost standalone Redis, and its return
 * switches back, with the work kept on the other masters run afterwards.
 */
@DisplayName("Vigil on a Redis Cluster, losing a master and getting it back")
class RedisClusterOutageIT {
  static final String CONFIG = """
      queue: {idle_poll_ms: 10, reap_interval_ms: 100}
      system: {backend_check_ms: 100, fallback: sync_direct}
      redis: {reconnect_max_ms: 400}
      queues:
        default: {}
        held: {}
        billing: {}
        images: {}
      task_types:
        echo: {handler: eventbus}
        later: {handler: eventbus, queue: held}
        invoice: {handler: eventbus, queue: billing}
        thumbnail: {handler: eventbus, queue: images}
      """;

  LocalRedisCluster cluster;
  String prefix;
  RunningVigil vigil;

  @BeforeEach
  void setUp() {
    cluster = LocalRedisCluster.start();
    prefix = RedisTestSupport.freshPrefix();
    vigil = RunningVigil.start(CONFIG, Map.of("VIGIL_REDIS_MODE", "cluster",
        "VIGIL_REDIS_URLS", String.join(",", cluster.urls()), "VIGIL_REDIS_PREFIX", prefix));
    for (String type : List.of("echo", "later", "invoice", "thumbnail")) ScriptedWorker.register(vigil.vertx(), type);
  }

  @AfterEach
  void tearDown() {
    if (vigil != null) vigil.close();
    cluster.close();
  }

  int masterOf(String queue) {
    return cluster.masterOf(prefix + ":{q:" + queue + "}");
  }

  Response submit(String type) {
    return vigil.post("/api/tasks", new JsonObject().put("type", type).put("payload", new JsonObject()));
  }

  String status(String id) {
    return vigil.get("/api/tasks/" + id).json().getString("status");
  }

  SseClient stream() {
    SseClient stream = SseClient.connect(vigil.client(), vigil.request("/api/events/stream").GET().build());
    stream.nextNamed("snapshot");
    return stream;
  }

  @Test
  void aBatchAcrossQueuesOnEveryMasterIsAcceptedAndProcessed() {
    assertThat(List.of("default", "billing", "images").stream().map(this::masterOf).distinct()).hasSize(3);
    JsonArray batch = new JsonArray();
    IntStream.range(0, 30).forEach(i -> batch.add(new JsonObject()
        .put("type", List.of("echo", "invoice", "thumbnail").get(i % 3)).put("payload", new JsonObject().put("n", i))));

    Response accepted = vigil.post("/api/tasks/batch", new JsonObject().put("tasks", batch));

    assertThat(accepted.status()).isEqualTo(202);
    List<String> ids = accepted.array("tasks").stream()
        .map(t -> ((JsonObject) t).getJsonObject("task").getString("id")).toList();
    assertThat(ids).hasSize(30);
    Eventually.await("every task of the batch to complete", Duration.ofSeconds(20),
        () -> ids.stream().allMatch(id -> "completed".equals(status(id))));
    for (String queue : List.of("default", "billing", "images")) {
      assertThat(vigil.get("/api/queues/" + queue).json().getLong("completed")).as(queue).isEqualTo(10);
    }
  }

  @Test
  void aMasterDownSwitchesToTheFallbackAndItsReturnSwitchesBackWithTheOtherMastersWorkKept() {
    int lost = masterOf("billing");
    assertThat(masterOf("held")).isNotEqualTo(lost);
    vigil.post("/api/queues/held/pause", new JsonObject().put("reason", "keep work in Redis"));
    List<String> held = IntStream.range(0, 3).mapToObj(i -> submit("later").json().getString("id")).toList();

    try (SseClient events = stream()) {
      cluster.kill(lost);

      Map<String, SseClient.Event> loss = events.nextOfEach("queue.backend.lost", "system.mode.changed");
      assertThat(new JsonObject(loss.get("system.mode.changed").data()).getJsonObject("details").getString("mode"))
          .isEqualTo("sync_direct");
      Response inline = submit("echo");
      assertThat(inline.status()).isEqualTo(201);
      assertThat(inline.json().getString("status")).isEqualTo("completed");

      cluster.restart(lost);

      Map<String, SseClient.Event> back = events.nextOfEach("queue.backend.restored", "system.mode.changed");
      assertThat(new JsonObject(back.get("system.mode.changed").data()).getJsonObject("details").getString("mode"))
          .isEqualTo("async_queue");
    }
    Response queued = submit("invoice");
    assertThat(queued.status()).isEqualTo(202);
    String id = queued.json().getString("id");
    Eventually.await("work on the returned master to flow", Duration.ofSeconds(10),
        () -> "completed".equals(status(id)));

    vigil.post("/api/queues/held/resume", new JsonObject().put("reason", "release"));
    Eventually.await("the work kept on the other masters to run", Duration.ofSeconds(10),
        () -> held.stream().allMatch(t -> "completed".equals(status(t))));
  }
}
