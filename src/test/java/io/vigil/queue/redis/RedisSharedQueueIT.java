package io.vigil.queue.redis;

import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.TaskStatus;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.ClaimedTask;
import io.vigil.queue.Completion;
import io.vigil.queue.FailureReport;
import io.vigil.queue.NewTask;
import io.vigil.queue.Settlement;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes (two backend instances, each with its own connections) sharing one prefix, as a cluster does. */
class RedisSharedQueueIT {
  private static final String Q = "jobs";
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final BackendSettings SETTINGS = new BackendSettings(Duration.ofHours(1),
      Map.of(Q, BackendSettings.DEFAULT_RETENTION));
  private static RedisTestSupport redis;

  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);
  private String prefix;
  private RedisQueueBackend nodeA;
  private RedisQueueBackend nodeB;

  @BeforeAll
  static void connect() {
    redis = new RedisTestSupport();
  }

  @AfterAll
  static void disconnect() {
    if (redis != null) redis.close();
  }

  @BeforeEach
  void startNodes() {
    prefix = RedisTestSupport.freshPrefix();
    nodeA = node(Map.of());
    nodeB = node(Map.of());
  }

  @AfterEach
  void stopNodes() {
    redis.deleteUnder(prefix);
    result(nodeA.close());
    result(nodeB.close());
  }

  private RedisQueueBackend node(Map<String, Double> rates) {
    return new RedisQueueBackend(redis.vertx, RedisTestSupport.config(prefix, 4), SETTINGS, rates, clock);
  }

  private void enqueue(int count) {
    for (int from = 0; from < count; from += 500) {
      List<NewTask> batch = IntStream.range(from, Math.min(count, from + 500))
          .mapToObj(i -> new NewTask(Task.create(ids.next(), Q, "email", "{\"n\":" + i + "}", Priority.NORMAL, null, 3,
              null, clock.instant()), "fp"))
          .toList();
      result(nodeA.enqueue(batch));
    }
  }

  @Test
  void twoNodesClaimingConcurrentlyNeverHoldTheSameTaskAtOnce() {
    int tasks = 1_000;
    enqueue(tasks);
    Map<String, String> holder = new ConcurrentHashMap<>();
    List<String> doubleHeld = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger rounds = new AtomicInteger();

    // each node holds what it claimed while it claims again, and only then settles it: two of three complete, the
    // third fails for an immediate retry, so tasks go round and are claimed again while the other node claims too
    List<CompletableFuture<Void>> nodes = new ArrayList<>();
    for (RedisQueueBackend node : List.of(nodeA, nodeB)) {
      String name = node == nodeA ? "A" : "B";
      nodes.add(CompletableFuture.runAsync(() -> {
        List<ClaimedTask> held = List.of();
        int idle = 0;
        while (idle < 3 || !held.isEmpty()) {
          List<ClaimedTask> claimed = result(node.claim(Q, 25, LEASE));
          rounds.incrementAndGet();
          idle = claimed.isEmpty() ? idle + 1 : 0;
          for (ClaimedTask c : claimed) {
            String other = holder.putIfAbsent(c.task().id(), name);
            if (other != null) doubleHeld.add(c.task().id() + " held by " + other + " and " + name);
          }
          List<Completion> acks = new ArrayList<>();
          List<FailureReport> retries = new ArrayList<>();
          for (ClaimedTask c : held) {
            String id = c.task().id();
            holder.remove(id); // given up before the backend hears of it
            if (c.task().attempts() == 1 && Math.floorMod(id.hashCode(), 3) == 0) {
              retries.add(new FailureReport(c.lease(), "again", clock.instant()));
            } else {
              acks.add(new Completion(c.lease(), null));
            }
          }
          Settlement done = result(node.ack(acks));
          completed.addAndGet(done.applied());
          refused.addAndGet(done.refusedTaskIds().size());
          refused.addAndGet(result(node.fail(retries)).refusedTaskIds().size());
          held = claimed;
        }
      }));
    }
    CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).join();

    assertThat(doubleHeld).isEmpty();
    assertThat(refused.get()).isZero();
    assertThat(completed.get()).isEqualTo(tasks);
    assertThat(rounds.get()).as("claim rounds").isGreaterThan(40);
    assertThat(result(nodeB.stats(Q)).completed()).isEqualTo(tasks);
  }

  @Test
  void anAckFromANodeWhoseLeaseWasStolenIsRefusedAndTheThiefsAckIsApplied() {
    enqueue(1);
    ClaimedTask onA = result(nodeA.claim(Q, 1, LEASE)).get(0);
    clock.advance(LEASE);

    List<Task> reaped = result(nodeB.reapExpiredLeases(100));
    ClaimedTask onB = result(nodeB.claim(Q, 1, LEASE)).get(0);
    Settlement late = result(nodeA.ack(List.of(new Completion(onA.lease(), "{\"from\":\"A\"}"))));
    Settlement fresh = result(nodeB.ack(List.of(new Completion(onB.lease(), "{\"from\":\"B\"}"))));

    assertThat(reaped).extracting(Task::id).containsExactly(onA.task().id());
    assertThat(onB.task().id()).isEqualTo(onA.task().id());
    assertThat(onB.task().attempts()).isEqualTo(2);
    assertThat(late.applied()).isZero();
    assertThat(late.refusedTaskIds()).containsExactly(onA.task().id());
    assertThat(fresh.applied()).isEqualTo(1);
    Task done = result(nodeA.get(onA.task().id())).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.result()).isEqualTo("{\"from\":\"B\"}");
  }

  @Test
  void aNodeWhoseLeaseWasStolenCanNeitherFailNorExtendNorReleaseIt() {
    enqueue(1);
    ClaimedTask onA = result(nodeA.claim(Q, 1, LEASE)).get(0);
    clock.advance(LEASE);
    result(nodeB.reapExpiredLeases(100));
    ClaimedTask onB = result(nodeB.claim(Q, 1, LEASE)).get(0);

    assertThat(result(nodeA.fail(List.of(new FailureReport(onA.lease(), "late", null)))).refusedTaskIds())
        .containsExactly(onA.task().id());
    assertThat(result(nodeA.extendLease(onA.lease(), LEASE))).isEmpty();
    assertThat(result(nodeA.release(List.of(onA.lease()))).refusedTaskIds()).containsExactly(onA.task().id());
    assertThat(result(nodeB.get(onB.task().id())).orElseThrow().status()).isEqualTo(TaskStatus.ACTIVE);
    assertThat(result(nodeB.ack(List.of(new Completion(onB.lease(), null)))).applied()).isEqualTo(1);
  }

  @Test
  void theRateLimitIsSharedByAllNodes() {
    result(nodeA.close());
    result(nodeB.close());
    nodeA = node(Map.of(Q, 10.0));
    nodeB = node(Map.of(Q, 10.0));
    enqueue(100);

    int first = result(nodeA.claim(Q, 50, LEASE)).size() + result(nodeB.claim(Q, 50, LEASE)).size();
    clock.advance(Duration.ofMillis(500));
    int halfSecondLater = result(nodeB.claim(Q, 50, LEASE)).size() + result(nodeA.claim(Q, 50, LEASE)).size();
    clock.advance(Duration.ofSeconds(10));
    int afterALongPause = result(nodeA.claim(Q, 50, LEASE)).size() + result(nodeB.claim(Q, 50, LEASE)).size();

    assertThat(first).as("a full bucket holds one second of tokens").isEqualTo(10);
    assertThat(halfSecondLater).isEqualTo(5);
    assertThat(afterALongPause).as("tokens never pile up beyond the burst").isEqualTo(10);
  }
}
