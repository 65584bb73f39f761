package io.vigil.schedule;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.store.pg.PgTestDatabase;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.LoopbackCluster;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Vigil nodes clustered on loopback, sharing a real Redis queue (a prefix of their own) and a real PostgreSQL
 * store (a database of their own): a schedule due every second is enqueued once per due time, by whichever node
 * leads, across a leader change.
 */
@DisplayName("A schedule on two clustered nodes: one task per due time across a leader change")
class ScheduleClusterIT {
  static final String REDIS = System.getenv().getOrDefault("VIGIL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  static final String PREFIX = "vigil-it-sched-" + UUID.randomUUID().toString().substring(0, 8);
  static PgTestDatabase database;
  static RunningVigil a;
  static RunningVigil b;

  @BeforeAll
  static void start() {
    database = PgTestDatabase.create();
    LoopbackCluster cluster = new LoopbackCluster(2);
    String yaml = """
        queue: {idle_poll_ms: 20}
        task_types:
          beat: {handler: noop}
        schedules:
          heartbeat: {task: {type: beat, payload: {n: 1}}, every: 1s}
        """;
    Map<String, String> shared = Map.of("VIGIL_REDIS_URL", REDIS, "VIGIL_REDIS_PREFIX", PREFIX,
        "VIGIL_PG_URL", database.url());
    a = RunningVigil.start(yaml, cluster.env(0, shared));
    b = RunningVigil.start(yaml, cluster.env(1, shared));
  }

  @AfterAll
  static void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (database != null) database.close();
    deleteKeys();
  }

  /** Due times (epoch ms) of the schedule's tasks, as the shared queue holds them, one entry per task. */
  static List<Long> runs(RunningVigil node) {
    List<Long> due = new ArrayList<>();
    node.get("/api/tasks?limit=1000").json().getJsonArray("tasks").forEach(t -> {
      JsonObject task = (JsonObject) t;
      if ("heartbeat".equals(task.getString("schedule_id"))) {
        String key = task.getString("idempotency_key");
        due.add(Long.parseLong(key.substring(key.indexOf('@') + 1)));
      }
    });
    return due;
  }

  @Test
  void eachDueTimeIsEnqueuedOnceByWhicheverNodeLeads() {
    Eventually.await("a leader", Duration.ofSeconds(15), () -> a.get("/api/cluster").json().getJsonObject("leader") != null);
    boolean aLeads = a.get("/api/cluster").json().getBoolean("leads");
    RunningVigil leader = aLeads ? a : b;
    RunningVigil follower = aLeads ? b : a;
    Eventually.await("three runs by the first leader", Duration.ofSeconds(15), () -> runs(follower).size() >= 3);

    int before = runs(follower).size();
    leader.close();
    if (aLeads) a = null;
    else b = null;
    Eventually.await("the follower leads", Duration.ofSeconds(10),
        () -> follower.get("/api/cluster").json().getBoolean("leads"));
    // the old leader may enqueue one more due time while it shuts down: count the new leader's own enqueues
    Eventually.await("three runs by the new leader", Duration.ofSeconds(15),
        () -> follower.get("/api/schedules/heartbeat").json().getLong("enqueued_by_this_leader") >= 3);

    List<Long> due = runs(follower);
    assertThat(due).as("runs from both leaders").hasSizeGreaterThanOrEqualTo(before + 3);
    assertThat(due).as("one task per due time").doesNotHaveDuplicates();
    assertThat(due).as("due times on the second").allSatisfy(ms -> assertThat(ms % 1000).isZero());
  }

  private static void deleteKeys() {
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(REDIS));
      String cursor = "0";
      do {
        Response page = Await.result(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(PREFIX + ":*")
            .arg("COUNT").arg(1000)));
        cursor = page.get(0).toString();
        for (Response key : page.get(1)) Await.result(redis.send(Request.cmd(Command.UNLINK).arg(key.toString())));
      } while (!cursor.equals("0"));
    } finally {
      Await.result(vertx.close());
    }
  }
}
