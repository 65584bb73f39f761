package io.vigil.queue.redis;

import io.vertx.core.Vertx;
import io.vigil.config.RedisConfig;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.QueueBackend;
import io.vigil.queue.QueueBackendContract;
import io.vigil.testing.LocalRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;

/**
 * The queue contract, unchanged, against a real Redis Cluster of three masters ({@code redis.mode: cluster}): the
 * contract's queues hash to different slots and masters, so its batches across queues are split per slot.
 */
@DisplayName("The queue contract on a Redis Cluster")
class RedisClusterQueueBackendIT extends QueueBackendContract {
  private static LocalRedisCluster cluster;
  private static Vertx vertx;
  private final List<String> prefixes = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    cluster = LocalRedisCluster.shared();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    if (vertx != null) result(vertx.close());
  }

  static RedisConfig config(LocalRedisCluster cluster, String prefix) {
    return RedisConfig.cluster(cluster.urls(), prefix, 4, 1024, Duration.ofSeconds(5));
  }

  @Override
  protected QueueBackend newBackend(Clock clock, BackendSettings settings) {
    String prefix = RedisTestSupport.freshPrefix();
    prefixes.add(prefix);
    return new RedisQueueBackend(vertx, config(cluster, prefix), settings, Map.of(), clock);
  }

  @AfterEach
  void deleteKeys() {
    prefixes.forEach(cluster::deleteUnder);
  }
}
