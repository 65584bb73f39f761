package io.vigil.queue.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.config.RedisConfig;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.ClaimedTask;
import io.vigil.queue.Completion;
import io.vigil.queue.NewTask;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** What the backend does when Redis forgets its scripts, drops its connections, or is not there at all. */
class RedisConnectionIT {
  private static final String Q = "jobs";
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final BackendSettings SETTINGS = new BackendSettings(Duration.ofHours(1),
      Map.of(Q, BackendSettings.DEFAULT_RETENTION));
  private static RedisTestSupport redis;

  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);
  private String prefix;
  private RedisQueueBackend backend;

  @BeforeAll
  static void connect() {
    redis = new RedisTestSupport();
  }

  @AfterAll
  static void disconnect() {
    if (redis != null) redis.close();
  }

  @BeforeEach
  void createBackend() {
    prefix = RedisTestSupport.freshPrefix();
    backend = new RedisQueueBackend(redis.vertx, RedisTestSupport.config(prefix, 1), SETTINGS, Map.of(), clock);
  }

  @AfterEach
  void deleteKeys() {
    redis.deleteUnder(prefix);
    result(backend.close());
  }

  private Task enqueueOne() {
    Task task = Task.create(ids.next(), Q, "email", "{}", Priority.NORMAL, null, 3, null, clock.instant());
    result(backend.enqueue(List.of(new NewTask(task, "fp"))));
    return task;
  }

  @Test
  void afterRedisForgetsItsScriptsTheNextCallsLoadThemAgainAndWork() {
    enqueueOne();
    redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH"));

    ClaimedTask claimed = result(backend.claim(Q, 1, LEASE)).get(0);
    redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH"));
    assertThat(result(backend.ack(List.of(new Completion(claimed.lease(), null)))).applied()).isEqualTo(1);
    assertThat(result(backend.stats(Q)).completed()).isEqualTo(1);
  }

  @Test
  void aKilledHeldConnectionFailsTheCallsOnItPromptlyAndLaterCallsReconnect() {
    Task task = enqueueOne();
    List<Throwable> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
    backend.onConnectionLost(lost::add);
    long connection = heldConnectionId();
    // a call that would wait ten seconds for an answer is in flight on the held connection when it goes
    Future<Response> inFlight = backend.sendHeld(Request.cmd(Command.BLPOP).arg(prefix + ":never").arg(10));
    awaitBlocked(connection);

    // only this test's connection is killed: the Redis is shared with other work (TYPE normal would hit all)
    redis.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(connection));

    long started = System.nanoTime();
    assertThat(failure(inFlight)).isNotNull();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("failed promptly").isLessThan(2_000);
    Future<Void> next = backend.ping(); // may fail if it raced the drop, but must answer promptly
    result(next.otherwiseEmpty(), 3);
    assertThat(result(backend.claim(Q, 1, LEASE))).extracting(c -> c.task().id()).containsExactly(task.id());
    assertThat(heldConnectionId()).isNotEqualTo(connection);
    assertThat(lost).as("the loss was reported").isNotEmpty();
  }

  @Test
  void theHotPathKeepsToOneConnectionAndOperatorCallsUseThePool() {
    long connection = heldConnectionId();
    for (int i = 0; i < 20; i++) {
      Task task = enqueueOne();
      ClaimedTask claimed = result(backend.claim(Q, 1, LEASE)).get(0);
      assertThat(claimed.task().id()).isEqualTo(task.id());
      result(backend.extendLease(claimed.lease(), LEASE));
      result(backend.ack(List.of(new Completion(claimed.lease(), null))));
    }
    result(backend.pause(Q)); // the pool, while the held connection stays as it is
    assertThat(heldConnectionId()).isEqualTo(connection);
    assertThat(result(backend.stats(Q)).completed()).isEqualTo(20);
  }

  @Test
  void reconnectReplacesTheHeldConnectionAndTheBackendWorksOn() {
    Task task = enqueueOne();
    long connection = heldConnectionId();

    result(backend.reconnect());

    assertThat(heldConnectionId()).isNotEqualTo(connection);
    assertThat(result(backend.claim(Q, 1, LEASE))).extracting(c -> c.task().id()).containsExactly(task.id());
    assertThat(result(backend.resume(Q))).isFalse(); // the new pool answers too
  }

  @Test
  void theTasksOfAClaimWhoseAnswerWasLostAreGivenBackWithoutCountingTheAttempt() {
    Task first = enqueueOne();
    Task second = enqueueOne();
    List<ClaimedTask> claimed = result(backend.claim(Q, 2, LEASE)); // as if its answer had never arrived
    String token = claimed.get(0).lease().token();
    String prefix = token.substring(0, token.lastIndexOf('.') + 1);
    long deadline = claimed.get(0).leaseDeadline().toEpochMilli();

    assertThat(result(backend.giveBackLostClaim(Q, deadline, "other."))).as("another claim's tasks stay").isZero();
    assertThat(result(backend.giveBackLostClaim(Q, deadline, prefix))).isEqualTo(2);

    assertThat(result(backend.stats(Q)).waiting()).isEqualTo(2);
    List<ClaimedTask> again = result(backend.claim(Q, 2, LEASE));
    assertThat(again).extracting(c -> c.task().id()).containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(again).extracting(c -> c.task().attempts()).containsOnly(1);
    assertThat(result(backend.ack(List.of(new Completion(claimed.get(0).lease(), null)))).refusedTaskIds())
        .as("the lost claim's lease is void").containsExactly(claimed.get(0).task().id());
  }

  private long heldConnectionId() {
    return result(backend.sendHeld(Request.cmd(Command.CLIENT).arg("ID"))).toLong();
  }

  /** Polls (bounded) until Redis shows the connection waiting in BLPOP. */
  private void awaitBlocked(long connection) {
    for (int i = 0; i < 200; i++) {
      String info = redis.send(Request.cmd(Command.CLIENT).arg("LIST").arg("ID").arg(connection)).toString();
      if (info.contains("cmd=blpop")) return;
      Thread.onSpinWait();
    }
    throw new AssertionError("the BLPOP never reached Redis");
  }

  @Test
  void pingFailsPromptlyWhenRedisIsNotThere() {
    RedisConfig nowhere = new RedisConfig("redis://127.0.0.1:1", prefix, 1, 16, Duration.ofSeconds(1));
    RedisQueueBackend unreachable = new RedisQueueBackend(redis.vertx, nowhere, SETTINGS, Map.of(), clock);
    try {
      long started = System.nanoTime();
      assertThat(failure(unreachable.ping())).isNotNull();
      assertThat(failure(unreachable.claim(Q, 10, LEASE))).isNotNull();
      assertThat(failure(unreachable.reconnect())).isNotNull();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
    } finally {
      result(unreachable.close());
    }
  }

  @Test
  void scriptsCanBeLoadedAheadOfTheFirstCall() {
    redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH"));

    result(backend.loadScripts());

    Response known = redis.send(Request.cmd(Command.SCRIPT).arg("EXISTS")
        .arg(RedisScript.load(RedisScripts.CLAIM).sha()).arg(RedisScript.load(RedisScripts.ACK).sha()));
    assertThat(known.stream().map(Response::toInteger)).containsExactly(1, 1);
  }
}
