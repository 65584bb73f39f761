package io.vigil.recovery;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.LoopbackCluster;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import io.vigil.testing.VigilProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that joins the cluster while a failover is in force calls the secondary from its first task, not after the
 * next leader change. Two processes from the fat jar, each with the in-memory store and queue: the joining node's own
 * store knows nothing of the switch, so it has to learn it from the leader.
 */
class FailoverJoinIT {
  private final TargetServer primary = TargetServer.start().answer(200, "{}");
  private final TargetServer secondary = TargetServer.start().answer(200, "{}");
  private VigilProcess leader;
  private VigilProcess joiner;

  @AfterEach
  void stop() {
    if (joiner != null) joiner.close();
    if (leader != null) leader.close();
    primary.close();
    secondary.close();
  }

  @Test
  void aNodeThatJoinsWhileAComponentIsFailedOverSendsItsTasksToTheSecondary() throws IOException {
    Path config = Files.createTempFile("vigil-failover-join", ".yaml");
    Files.writeString(config, """
        queue: {idle_poll_ms: 10, shutdown_grace_ms: 300}
        task_types:
          charge: {handler: http, target: "%s", max_attempts: 1, timeout_ms: 5000}
        components:
          payments:
            probe: {type: http, url: "%s", interval_ms: 1000, timeout_ms: 1000, failure_threshold: 2, success_threshold: 1}
        recovery:
          plans:
            payments:
              actions:
                - {action: failover, secondary: "%s", task_types: [charge], check_interval: 1s, primary_checks: 2}
        """.formatted(primary.url("/charge"), primary.url("/health"), secondary.url("/standby")));
    LoopbackCluster cluster = new LoopbackCluster(2);
    leader = VigilProcess.startLight(config, cluster.env(0), RunningVigil.freePort());
    Eventually.await("the first node leads", Duration.ofSeconds(30),
        () -> leader.get("/api/cluster").json().getBoolean("leads"));
    primary.answer(503, "{}");
    Eventually.await("payments failed over on the leader", Duration.ofSeconds(30),
        () -> Boolean.TRUE.equals(leader.get("/api/components/payments").json().getBoolean("failed_over")));

    joiner = VigilProcess.startLight(config, cluster.env(1), RunningVigil.freePort());
    VigilProcess.awaitPair(leader, joiner);
    assertThat(joiner.get("/api/cluster").json().getBoolean("leads")).isFalse();

    // the joiner's own in-memory queue takes the task: its engine makes the call
    String id = joiner.post("/api/tasks", new JsonObject().put("type", "charge")).json().getString("id");
    JsonObject task = Eventually.await("the task ran on the joining node", Duration.ofSeconds(20),
        () -> joiner.get("/api/tasks/" + id).json(), t -> !"queued".equals(t.getString("status"))
            && !"active".equals(t.getString("status")));
    assertThat(task.getString("status")).as("the primary answers 503: only the secondary completes it; " + task.encode())
        .isEqualTo("completed");
  }
}
