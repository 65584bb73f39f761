package io.vigil.alarm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Vigil processes from the fat jar, clustered on loopback, on one Redis queue: a critical rule with
 * {@code stop: true} fires on the leader's engine and stops both processes within a second; an admin's resume on the
 * other process restarts both.
 */
@DisplayName("The emergency stop on two clustered processes")
class EmergencyStopIT {
  static final String REDIS = System.getenv().getOrDefault("VIGIL_TEST_REDIS_URL", "redis://127.0.0.1:6379");

  static VigilProcess a;
  static VigilProcess b;

  @BeforeAll
  static void start() throws Exception {
    Path config = Files.createTempFile("vigil-emergency-stop", ".yaml");
    Files.writeString(config, """
        queue: {idle_poll_ms: 10, stats_interval_ms: 200, shutdown_grace_ms: 300}
        alarms:
          rules:
            processing-timeout: {enabled: false}
            brake: {metric: queue.backlog, match: {queue: default}, threshold: 5, severity: critical, stop: true,
                    annotations: {summary: "{{value}} tasks wait in {{queue}}: stop the line"}}
        """);
    LoopbackCluster cluster = new LoopbackCluster(2);
    Map<String, String> env = Map.of("VIGIL_REDIS_URL", REDIS,
        "VIGIL_REDIS_PREFIX", "vigil-it-estop-" + UUID.randomUUID());
    a = VigilProcess.start(config, cluster.env(0, env), RunningVigil.freePort());
    b = VigilProcess.start(config, cluster.env(1, env), RunningVigil.freePort());
    VigilProcess.awaitPair(a, b);
  }

  @AfterAll
  static void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
  }

  static JsonObject cluster(VigilProcess node) {
    return node.get("/api/cluster").json();
  }

  static boolean stopped(VigilProcess node) {
    return "stopped".equals(node.get("/api/system/mode").json().getString("mode"))
        && node.get("/health/ready").status() == 503;
  }

  static boolean consuming(VigilProcess node) {
    return node.get("/health/ready").json().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "queue".equals(c.getString("id"))).findFirst().orElseThrow()
        .getJsonObject("data").getBoolean("consuming");
  }

  @Test
  void aStoppingRuleFiringOnTheLeaderStopsBothProcessesWithinASecondAndAResumeOnTheOtherRestartsBoth() {
    VigilProcess leading = cluster(a).getBoolean("leads") ? a : b;
    VigilProcess other = leading == a ? b : a;
    assertThat(consuming(a) && consuming(b)).isTrue();

    assertThat(leading.post("/api/queues/default/pause", new JsonObject().put("reason", "test")).status())
        .isEqualTo(200);
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 6; i++) batch.add(new JsonObject().put("type", "noop"));
    assertThat(leading.post("/api/tasks/batch", new JsonObject().put("tasks", batch)).status()).isLessThan(300);

    // one light request per poll, so what is measured is the switch and not the polling: the leader's own switch
    // carries its time (changed_at); the other process's is seen on its API
    Eventually.await("the other process is stopped", Duration.ofSeconds(15),
        () -> "stopped".equals(other.get("/api/system/mode").json().getString("mode")));
    Instant otherStopped = Instant.now();
    JsonObject alarm = leading.get("/api/alarms?state=firing").json().getJsonArray("alarms").getJsonObject(0);
    assertThat(alarm.getString("rule")).isEqualTo("brake");
    Instant firedAt = Instant.parse(alarm.getString("fired_at"));
    Instant leaderStopped = Instant.parse(leading.get("/api/system/mode").json().getString("changed_at"));
    System.out.println("after the alarm fired: the leader stopped in " + Duration.between(firedAt, leaderStopped)
        .toMillis() + " ms, the other process was seen stopped in " + Duration.between(firedAt, otherStopped)
        .toMillis() + " ms");
    assertThat(Duration.between(firedAt, otherStopped)).isLessThan(Duration.ofSeconds(1));
    assertThat(stopped(leading) && stopped(other)).as("both stopped and not ready").isTrue();
    JsonObject mode = other.get("/api/system/mode").json();
    assertThat(mode.getString("changed_by")).isEqualTo("alarm:brake");
    assertThat(other.post("/api/tasks", new JsonObject().put("type", "noop")).status()).isEqualTo(503);
    assertThat(other.get("/health/live").status()).isEqualTo(200);
    assertThat(consuming(a) || consuming(b)).isFalse();

    assertThat(other.post("/api/system/resume", new JsonObject().put("reason", "all clear")).status())
        .isEqualTo(200);
    long resumedAt = System.nanoTime();

    Eventually.await("both processes consume again", Duration.ofSeconds(1), () -> consuming(a) && consuming(b));
    assertThat(Duration.ofNanos(System.nanoTime() - resumedAt)).isLessThan(Duration.ofSeconds(1));
    assertThat(leading.get("/api/system/mode").json().getString("mode")).isEqualTo("async_queue");
    assertThat(other.post("/api/queues/default/resume", new JsonObject().put("reason", "drain")).status())
        .isEqualTo(200);
    Eventually.await("the backlog drains and the alarm resolves", Duration.ofSeconds(15),
        () -> leading.get("/api/alarms?state=firing").json().getJsonArray("alarms").isEmpty());
    assertThat(leading.get("/api/system/mode").json().getString("mode")).as("a resolve does not stop again")
        .isEqualTo("async_queue");
  }
}
