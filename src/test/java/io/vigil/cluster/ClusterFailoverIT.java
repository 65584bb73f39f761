package io.vigil.cluster;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.LoopbackCluster;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.VigilProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Vigil processes from the fat jar, clustered on loopback, as operators run them; the leader is SIGKILLed. */
@DisplayName("Two clustered processes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {
  static VigilProcess a;
  static VigilProcess b;

  @BeforeAll
  static void start() throws IOException {
    Path config = Files.createTempFile("vigil-cluster", ".yaml");
    Files.writeString(config, "queue: {idle_poll_ms: 10, shutdown_grace_ms: 300}\n");
    LoopbackCluster cluster = new LoopbackCluster(2);
    a = VigilProcess.startLight(config, cluster.env(0), RunningVigil.freePort());
    b = VigilProcess.startLight(config, cluster.env(1), RunningVigil.freePort());
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

  static boolean consuming(VigilProcess node) {
    return node.get("/health/ready").json().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "queue".equals(c.getString("id"))).findFirst().orElseThrow()
        .getJsonObject("data").getBoolean("consuming");
  }

  @Test
  @Order(1)
  void stopOnOneProcessStopsConsumptionOnTheOtherWithinASecondAndResumeRestartsBoth() {
    assertThat(consuming(b)).isTrue();

    Response stopped = a.post("/api/system/stop", new JsonObject().put("reason", "failover test"));
    long stoppedAt = System.nanoTime();

    assertThat(stopped.status()).isEqualTo(200);
    Eventually.await("process B stops consuming", Duration.ofSeconds(1), () -> !consuming(b));
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(1));
    assertThat(b.post("/api/tasks", new JsonObject().put("type", "noop")).status()).isEqualTo(503);
    assertThat(b.get("/api/system/mode").json().getString("mode")).isEqualTo("stopped");
    assertThat(b.get("/health/ready").status()).isEqualTo(503);

    a.post("/api/system/resume", new JsonObject().put("reason", "all clear"));
    long resumedAt = System.nanoTime();

    Eventually.await("both processes consume again", Duration.ofSeconds(1), () -> consuming(a) && consuming(b));
    assertThat(Duration.ofNanos(System.nanoTime() - resumedAt)).isLessThan(Duration.ofSeconds(1));
    String id = b.post("/api/tasks", new JsonObject().put("type", "noop")).json().getString("id");
    Eventually.await("a task submitted on B runs", Duration.ofSeconds(10),
        () -> "completed".equals(b.get("/api/tasks/" + id).json().getString("status")));
  }

  @Test
  @Order(2)
  void killingTheLeaderMovesLeadershipToTheSurvivorWithinFiveSeconds() {
    String leader = cluster(a).getJsonObject("leader").getString("node");
    VigilProcess leading = leader.equals(cluster(a).getString("node")) ? a : b;
    VigilProcess surviving = leading == a ? b : a;
    String survivor = cluster(surviving).getString("node");

    leading.kill();
    long killedAt = System.nanoTime();

    Eventually.await("the survivor leads", Duration.ofSeconds(5), () -> cluster(surviving).getBoolean("leads"));
    Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
    System.out.println("leadership moved " + takeover.toMillis() + " ms after the leader was killed");
    assertThat(takeover).isLessThan(Duration.ofSeconds(5));
    JsonObject view = cluster(surviving);
    assertThat(view.getJsonObject("leader").getString("node")).isEqualTo(survivor);
    Eventually.await("the dead node leaves the list", Duration.ofSeconds(10),
        () -> cluster(surviving).getJsonArray("nodes").size() == 1);
  }
}
