package io.vigil.queue.redis;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.VigilProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil on Redis as a separate process, SIGKILLed in the middle of 10,000 charges and started again: every task
 * completes, none is lost, and every task that ran twice is one whose lease the killed process held.
 */
@DisplayName("A Vigil process killed mid-run loses nothing")
class CrashRecoveryIT {
  static final int TASKS = 10_000;
  static final int BATCH = 100;
  static RedisTestSupport redis;
  static Vertx vertx;
  static HttpServer target;
  /** Every execution the target saw: task id -> the attempt numbers it carried. */
  static final Map<String, List<Integer>> executions = new ConcurrentHashMap<>();
  static final Map<String, Integer> numberOf = new ConcurrentHashMap<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    redis = new RedisTestSupport();
    vertx = Vertx.vertx();
    // the charging target: answers after 20 ms, so that many charges are in flight when the process dies
    target = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      JsonObject task = body.toJsonObject();
      executions.computeIfAbsent(task.getString("id"), id -> new CopyOnWriteArrayList<>()).add(task.getInteger("attempt"));
      numberOf.put(task.getString("id"), task.getJsonObject("payload").getInteger("n"));
      vertx.setTimer(20, t -> request.response().setStatusCode(200).end("{\"charged\":true}"));
    })).listen(0));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    redis.close();
  }

  @Test
  void everyTaskCompletesAndOnlyTasksWhoseLeaseWasTakenRunTwice() throws Exception {
    String prefix = RedisTestSupport.freshPrefix();
    Path config = Files.createTempFile("vigil-crash", ".yaml");
    Files.writeString(config, """
        queue: {idle_poll_ms: 10, reap_interval_ms: 200}
        queues:
          charges: {concurrency: 50, lease_ms: 2000}
        task_types:
          charge:
            queue: charges
            handler: http
            target: "http://127.0.0.1:%d/charge"
            timeout_ms: 5000
            max_attempts: 10
            backoff: {base_ms: 50, max_ms: 500}
        """.formatted(target.actualPort()));
    Map<String, String> env = Map.of("VIGIL_REDIS_URL", RedisTestSupport.URL, "VIGIL_REDIS_PREFIX", prefix);
    int port = RunningVigil.freePort();

    Set<String> leasedAtCrash;
    VigilProcess first = VigilProcess.start(config, env, port);
    AtomicBoolean submitting = new AtomicBoolean(true);
    Thread submitter = new Thread(() -> {
      for (int from = 0; from < TASKS && submitting.get(); from += BATCH) {
        if (!submitBatch(port, from)) return; // the process died under us
      }
    }, "submitter");
    try {
      submitter.start();
      Eventually.await("a quarter of the charges to run", Duration.ofSeconds(60), () -> executions.size() >= TASKS / 4);
      first.kill();
      submitting.set(false);
      submitter.join();
      leasedAtCrash = leasedTasks(prefix);
    } finally {
      first.kill();
    }
    int executedBeforeCrash = executions.size();

    try (VigilProcess second = VigilProcess.start(config, env, port)) {
      // the client resubmits everything with the same keys: what was accepted before is answered, not added
      int replayed = 0;
      for (int from = 0; from < TASKS; from += BATCH) {
        JsonObject answer = submitBatchOrFail(port, from);
        replayed += answer.getInteger("replayed");
      }
      JsonObject stats = Eventually.await("all charges to complete", Duration.ofSeconds(120),
          () -> getJson(port, "/api/queues/charges"),
          s -> s.getLong("completed") == TASKS && s.getLong("active") == 0 && s.getLong("waiting") == 0);

      Map<String, List<Integer>> twice = executions.entrySet().stream().filter(e -> e.getValue().size() > 1)
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      System.out.printf("crash test: %d executed before the kill, %d leased at the kill, %d replayed on resubmit,"
          + " %d ran twice%n", executedBeforeCrash, leasedAtCrash.size(), replayed, twice.size());

      assertThat(stats.getLong("dead")).isZero();
      assertThat(executions).as("every charge reached the target").hasSize(TASKS);
      assertThat(new HashSet<>(numberOf.values())).as("one task per idempotency key").hasSize(TASKS);
      assertThat(replayed).as("submissions accepted before the kill were not added again").isGreaterThan(0);
      assertThat(leasedAtCrash).as("the kill caught charges in flight").isNotEmpty();
      assertThat(twice.keySet()).as("only charges whose lease the dead process held ran twice").isSubsetOf(leasedAtCrash);
      twice.forEach((id, attempts) -> assertThat(attempts.get(attempts.size() - 1))
          .as("the re-run of %s counts the lost attempt", id).isGreaterThan(attempts.get(0)));
      for (String id : twice.keySet()) {
        JsonObject task = getJson(port, "/api/tasks/" + id);
        assertThat(task.getString("status")).isEqualTo("completed");
        assertThat(task.getInteger("attempts")).isEqualTo(executions.get(id).get(executions.get(id).size() - 1));
      }
    } finally {
      redis.deleteUnder(prefix);
    }
  }

  /** The tasks the killed process held a lease on, straight from Redis. */
  private static Set<String> leasedTasks(String prefix) {
    Response members = redis.send(Request.cmd(Command.ZRANGE).arg(prefix + ":{q:charges}:lease").arg(0).arg(-1));
    Set<String> ids = new HashSet<>();
    members.forEach(m -> ids.add(m.toString()));
    return ids;
  }

  private boolean submitBatch(int port, int from) {
    try {
      submitBatchOrFail(port, from);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private JsonObject submitBatchOrFail(int port, int from) {
    JsonArray tasks = new JsonArray();
    for (int n = from; n < from + BATCH; n++) {
      tasks.add(new JsonObject().put("type", "charge").put("idempotency_key", "charge-" + n)
          .put("payload", new JsonObject().put("n", n).put("amount_cents", 1999)));
    }
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks/batch"))
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("tasks", tasks).encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) throw new IllegalStateException("batch answered " + response.statusCode() + ": " + response.body());
      return new JsonObject(response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonObject getJson(int port, String path) {
    try {
      return new JsonObject(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
