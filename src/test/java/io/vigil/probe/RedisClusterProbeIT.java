package io.vigil.probe;

import io.vertx.core.Vertx;
import io.vigil.config.RedisConfig;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.vigil.probe.ProbeRun.check;
import static org.assertj.core.api.Assertions.assertThat;

/** Vigil's own Redis probe on a Redis Cluster of its own: every master must answer, and the cluster be ok. */
@DisplayName("The Redis probe on a Redis Cluster")
class RedisClusterProbeIT {
  static Vertx vertx;
  static LocalRedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = LocalRedisCluster.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) Await.result(vertx.close());
    if (cluster != null) cluster.close();
  }

  @Test
  void theProbeIsOkWhileEveryMasterAnswersFailsWhenOneIsDownAndRecoversWhenItIsBack() {
    RedisConfig own = RedisConfig.cluster(cluster.urls().subList(0, 1), "vigil", 8, 1024, Duration.ofSeconds(5));
    Probe probe = RedisProbe.own(vertx, own);
    try {
      assertThat(check(vertx, probe).outcome()).isEqualTo(HealthOutcome.ok());

      cluster.kill(2);
      Reading down = check(vertx, probe);
      assertThat(down.outcome()).isInstanceOf(HealthOutcome.Failed.class);

      cluster.restart(2);
      Eventually.await("the probe to see the master back", Duration.ofSeconds(15),
          () -> check(vertx, probe).outcome().equals(HealthOutcome.ok()));
    } finally {
      Await.result(ProbeRun.close(vertx, probe));
    }
  }
}
