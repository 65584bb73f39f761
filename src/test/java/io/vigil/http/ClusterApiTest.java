package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("GET /api/cluster on a single node")
class ClusterApiTest {
  static final String VIEWER = "viewer-secret-0123456789ab";
  static final AtomicInteger LEADER_ONLY = new AtomicInteger();
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("", Map.of("VIGIL_AUTH_TOKENS", "dash:viewer:" + VIEWER), Clock.systemUTC(),
        List.of(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            LEADER_ONLY.incrementAndGet();
            return Future.succeededFuture();
          }
        }));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @Test
  void aSingleNodeLeadsItselfFromItsStartAndRunsTheLeaderOnlyWork() {
    JsonObject cluster = vigil.as(VIEWER).get("/api/cluster").json();

    assertThat(cluster.getBoolean("clustered")).isFalse();
    assertThat(cluster.getBoolean("leads")).isTrue();
    assertThat(cluster.getString("node")).isEqualTo(vigil.node());
    assertThat(cluster.getJsonObject("leader").getString("node")).isEqualTo(vigil.node());
    assertThat(cluster.getJsonObject("leader").getString("since")).isNotBlank();
    assertThat(cluster.getJsonArray("nodes")).hasSize(1);
    assertThat(cluster.getJsonArray("nodes").getJsonObject(0).getBoolean("self")).isTrue();
    assertThat(cluster.getJsonArray("nodes").getJsonObject(0).getString("started_at")).isNotBlank();
    Eventually.until("the leader-only work runs", () -> LEADER_ONLY.get() == 1);
  }

  @Test
  void everyNodeShowsTheLoadItLastReported() {
    Eventually.until("the node has reported its load", () -> vigil.as(VIEWER).get("/api/cluster").json()
        .getJsonArray("nodes").getJsonObject(0).getJsonObject("load") != null);

    JsonObject load = vigil.as(VIEWER).get("/api/cluster").json().getJsonArray("nodes").getJsonObject(0).getJsonObject("load");
    assertThat(load.getString("node")).isEqualTo(vigil.node());
    assertThat(load.getDouble("tasks_per_s")).isGreaterThanOrEqualTo(0);
    assertThat(load.getInteger("running")).isZero();
    assertThat(load.getLong("event_loop_lag_ms")).isGreaterThanOrEqualTo(0);
    assertThat(load.getDouble("cpu_cores")).isGreaterThanOrEqualTo(0);
  }

  @Test
  void theClusterViewNeedsAToken() {
    assertThat(vigil.as(null).get("/api/cluster").status()).isEqualTo(401);
  }

  @Test
  void theLeadIsInTheAuditLog() {
    Eventually.until("cluster.leader.changed is audited", () -> vigil.as(VIEWER)
        .get("/api/events?type=cluster.leader.changed").json().getJsonArray("events").size() == 1);
  }
}
