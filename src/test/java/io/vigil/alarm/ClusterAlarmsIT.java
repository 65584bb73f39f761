package io.vigil.alarm;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.notify.RecordingReceiver;
import io.vigil.store.pg.PgTestDatabase;
import io.vigil.testing.Eventually;
import io.vigil.testing.LoopbackCluster;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.VigilProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Vigil processes from the fat jar, clustered on loopback, on one Redis queue and one PostgreSQL store: the alarm
 * engine runs on the leader only and both nodes deliver from the shared outbox, yet a receiver gets one message per
 * alarm; the leader is SIGKILLed while the alarm fires, and the new leader neither sends it again nor loses its
 * resolve.
 */
@DisplayName("Alarms on two clustered processes")
class ClusterAlarmsIT {
  static final String REDIS = System.getenv().getOrDefault("VIGIL_TEST_REDIS_URL", "redis://127.0.0.1:6379");

  static Vertx receivers;
  static RecordingReceiver hook;
  static PgTestDatabase database;
  static VigilProcess a;
  static VigilProcess b;

  @BeforeAll
  static void start() throws Exception {
    receivers = Vertx.vertx();
    hook = RecordingReceiver.start(receivers);
    database = PgTestDatabase.create();
    Path config = Files.createTempFile("vigil-cluster-alarms", ".yaml");
    Files.writeString(config, """
        queue: {idle_poll_ms: 10, stats_interval_ms: 200, shutdown_grace_ms: 300}
        notifications:
          lease: 5s
          channels:
            ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
        alarms:
          routes: {warning: [ops-hook], critical: [ops-hook]}
          rules:
            queue-backup: {for: 0s, clear_for: 0s}
            processing-timeout: {enabled: false}
        """);
    LoopbackCluster cluster = new LoopbackCluster(2);
    Map<String, String> env = Map.of("VIGIL_REDIS_URL", REDIS, "VIGIL_REDIS_PREFIX", "vigil-it-alarms-" + UUID.randomUUID(),
        "VIGIL_PG_URL", database.url(), "VIGIL_TEST_HOOK_URL", hook.url("/hook"),
        "VIGIL_TEST_HOOK_KEY", "whsec-cluster-test-0123456789");
    a = VigilProcess.startLight(config, cluster.env(0, env), RunningVigil.freePort());
    b = VigilProcess.startLight(config, cluster.env(1, env), RunningVigil.freePort());
    VigilProcess.awaitPair(a, b);
  }

  @AfterAll
  static void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (database != null) database.close();
    if (receivers != null) result(receivers.close());
  }

  static JsonObject cluster(VigilProcess node) {
    return node.get("/api/cluster").json();
  }

  /** As a receiver that drops a repeated notification id sees them (and never out of order). */
  static List<String> statuses() {
    return RecordingReceiver.once(hook.requests()).stream().map(r -> r.json().getString("status")).toList();
  }

  @Test
  void oneMessagePerAlarmFromTwoNodesAndAKilledLeadersSuccessorNeitherResendsItNorLosesItsResolve()
      throws Exception {
    String leader = cluster(a).getJsonObject("leader").getString("node");
    VigilProcess leading = leader.equals(cluster(a).getString("node")) ? a : b;
    VigilProcess surviving = leading == a ? b : a;
    assertThat(surviving.get("/api/rules").status()).as("the follower's API reaches the leader's engine").isEqualTo(200);

    assertThat(surviving.post("/api/queues/default/pause", new JsonObject().put("reason", "test")).status())
        .isEqualTo(200);
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 101; i++) batch.add(new JsonObject().put("type", "noop"));
    assertThat(surviving.post("/api/tasks/batch", new JsonObject().put("tasks", batch)).status()).isLessThan(300);

    Eventually.await("the firing message", Duration.ofSeconds(15), () -> statuses().size() == 1);
    String alarm = surviving.get("/api/alarms?state=firing").json().getJsonArray("alarms").getJsonObject(0)
        .getString("id");
    Thread.sleep(1_500); // both nodes poll and wake on the outbox: a second copy would come now
    assertThat(statuses()).containsExactly("firing");

    leading.kill();
    Eventually.await("the survivor leads", Duration.ofSeconds(10), () -> cluster(surviving).getBoolean("leads"));
    // right after the takeover a request may still meet the dead node and answer 503 + Retry-After (the contract):
    // wait for the new leader's engine to answer with its alarms
    JsonObject firing = Eventually.await("the survivor's engine answers", Duration.ofSeconds(10),
        () -> surviving.get("/api/alarms?state=firing"), r -> r.status() == 200).json();
    assertThat(firing.getJsonArray("alarms").getJsonObject(0).getString("id"))
        .as("the same alarm, restored from the store").isEqualTo(alarm);
    Thread.sleep(2_000); // the restored alarm sees fresh samples (still breaching): nothing is sent again
    assertThat(statuses()).containsExactly("firing");

    assertThat(surviving.post("/api/queues/default/resume", new JsonObject().put("reason", "drain")).status())
        .isEqualTo(200);
    Eventually.await("the resolve", Duration.ofSeconds(15), () -> statuses().size() == 2);
    Thread.sleep(1_000);
    assertThat(statuses()).containsExactly("firing", "resolved");
    assertThat(hook.requests().stream().map(r -> r.headers().get("X-Vigil-Notification-Id")).distinct()).hasSize(2);
  }
}
