package io.vigil.queue.redis;

import io.vigil.queue.BackendSettings;
import io.vigil.queue.QueueBackend;
import io.vigil.queue.QueueBackendContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The queue contract, unchanged, against the real Redis: each test on a fresh key prefix, deleted afterwards. */
class RedisQueueBackendIT extends QueueBackendContract {
  private static RedisTestSupport redis;
  private final List<String> prefixes = new ArrayList<>();

  @BeforeAll
  static void connect() {
    redis = new RedisTestSupport();
  }

  @AfterAll
  static void disconnect() {
    if (redis != null) redis.close();
  }

  @Override
  protected QueueBackend newBackend(Clock clock, BackendSettings settings) {
    String prefix = RedisTestSupport.freshPrefix();
    prefixes.add(prefix);
    return new RedisQueueBackend(redis.vertx, RedisTestSupport.config(prefix, 4), settings, Map.of(), clock);
  }

  @AfterEach
  void deleteKeys() {
    prefixes.forEach(redis::deleteUnder);
  }
}
