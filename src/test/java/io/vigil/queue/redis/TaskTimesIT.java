package io.vigil.queue.redis;

import io.vertx.core.json.JsonObject;
import io.vigil.store.TaskTimesTest;
import io.vigil.store.pg.PgTestDatabase;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One precision and one instant on the real services: a task's times read the same, to the millisecond, from the Redis
 * queue or the memory queue and from PostgreSQL history (which keeps microseconds, and was given six decimals before).
 */
@DisplayName("A task's times read the same from Redis or memory and from PostgreSQL history")
class TaskTimesIT {
  PgTestDatabase database;
  RedisTestSupport redis;
  String prefix;
  RunningVigil vigil;

  @AfterEach
  void tearDown() {
    if (vigil != null) vigil.close();
    if (database != null) database.close();
    if (redis != null) {
      redis.deleteUnder(prefix);
      redis.close();
    }
  }

  void start(boolean onRedis) {
    database = PgTestDatabase.create();
    Map<String, String> env = new HashMap<>(Map.of("VIGIL_PG_URL", database.url(),
        "VIGIL_STORE_FLUSH_INTERVAL_MS", "10"));
    if (onRedis) {
      redis = new RedisTestSupport();
      prefix = RedisTestSupport.freshPrefix();
      env.put("VIGIL_REDIS_URL", RedisTestSupport.URL);
      env.put("VIGIL_REDIS_PREFIX", prefix);
    }
    vigil = RunningVigil.start("", env);
  }

  void assertCompletedTaskTimesAgree() {
    String id = vigil.post("/api/tasks", new JsonObject().put("type", "noop")).json().getString("id");
    JsonObject history = TaskTimesTest.fromHistory(vigil, id, "completed");
    JsonObject queue = vigil.get("/api/tasks/" + id).json();

    assertThat(queue.getString("status")).isEqualTo("completed");
    TaskTimesTest.assertSameTimes(queue, history);
    assertThat(database.number("SELECT count(*) FROM tasks WHERE id = '" + id + "' AND finished_at = '"
        + queue.getString("finished_at") + "'::timestamptz")).as("the row's finished_at, exactly").isEqualTo(1);
  }

  @Test
  void onRedisAndPostgreSql() {
    start(true);

    assertCompletedTaskTimesAgree();
    TaskTimesTest.assertCancelledTimes(vigil);
  }

  @Test
  void onTheMemoryQueueAndPostgreSql() {
    start(false);

    assertCompletedTaskTimesAgree();
    TaskTimesTest.assertCancelledTimes(vigil);
  }
}
