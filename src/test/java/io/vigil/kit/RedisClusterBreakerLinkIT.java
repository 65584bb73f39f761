package io.vigil.kit;

import io.vertx.core.Vertx;
import io.vigil.config.RedisConfig;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTrigger;
import io.vigil.domain.breaker.SharedBreakerState;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.LocalRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Breaker states shared through Vigil's own Redis when that Redis is a cluster: published, received, reloaded. */
@DisplayName("Breaker sharing on a Redis Cluster")
class RedisClusterBreakerLinkIT {
  static Vertx vertx;
  static LocalRedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = LocalRedisCluster.shared();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) Await.result(vertx.close());
  }

  @Test
  void aStatePublishedByOneNodeReachesTheOtherAndIsKeptForANodeThatStartsLater() {
    String prefix = "vigil-it-" + UUID.randomUUID().toString().substring(0, 13);
    RedisConfig redis = RedisConfig.cluster(cluster.urls().subList(1, 2), prefix, 8, 1024, Duration.ofSeconds(5));
    RedisBreakerLink sender = new RedisBreakerLink(vertx, redis, VertxTimers.ofCaller(vertx));
    RedisBreakerLink receiver = new RedisBreakerLink(vertx, redis, VertxTimers.ofCaller(vertx));
    List<SharedBreakerState> received = new CopyOnWriteArrayList<>();
    try {
      Await.result(receiver.listen(received::add, () -> {}));
      SharedBreakerState open = new SharedBreakerState("payments", BreakerState.FORCED_OPEN, BreakerTrigger.FORCE_OPEN,
          "node-a", "ops", Instant.parse("2026-01-01T00:00:00Z"), null);

      sender.publish(open);

      Eventually.await("the other node to hear of it", Duration.ofSeconds(10), () -> received.contains(open));
      assertThat(Await.result(receiver.load())).containsExactly(open);
    } finally {
      Await.result(sender.close());
      Await.result(receiver.close());
      cluster.deleteUnder(prefix);
    }
  }
}
