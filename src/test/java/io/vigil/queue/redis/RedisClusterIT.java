package io.vigil.queue.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.ClaimedTask;
import io.vigil.queue.Completion;
import io.vigil.queue.EnqueueResult;
import io.vigil.queue.NewTask;
import io.vigil.testing.LocalRedisCluster;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a Redis Cluster asks of the backend: batches and merged calls that span slots are split per slot
 * instead of being refused with CROSSSLOT, idempotency stays per queue, and every master gets the scripts.
 */
@DisplayName("The Redis backend on a Redis Cluster")
class RedisClusterIT {
  /** Queues whose hash tags fall on different masters ({@code jobs} and {@code other}: one master, two slots). */
  private static final String JOBS = "jobs";
  private static final String OTHER = "other";
  private static final String SMALL = "small";
  private static final String C = "c";
  private static final List<String> QUEUES = List.of(JOBS, OTHER, SMALL, C);
  private static final BackendSettings SETTINGS = new BackendSettings(Duration.ofHours(1), Map.of(
      JOBS, BackendSettings.DEFAULT_RETENTION, OTHER, BackendSettings.DEFAULT_RETENTION,
      SMALL, BackendSettings.DEFAULT_RETENTION, C, BackendSettings.DEFAULT_RETENTION));
  private static final Duration LEASE = Duration.ofSeconds(30);

  private static LocalRedisCluster cluster;
  private static Vertx vertx;

  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);
  private String prefix;
  private RedisQueueBackend backend;

  @BeforeAll
  static void startCluster() {
    cluster = LocalRedisCluster.shared();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    if (vertx != null) result(vertx.close());
  }

  @BeforeEach
  void createBackend() {
    prefix = RedisTestSupport.freshPrefix();
    backend = new RedisQueueBackend(vertx, RedisClusterQueueBackendIT.config(cluster, prefix), SETTINGS, Map.of(),
        clock);
  }

  @AfterEach
  void deleteKeys() {
    result(backend.close());
    cluster.deleteUnder(prefix);
  }

  private NewTask task(String queue, String key, String fingerprint) {
    return new NewTask(Task.create(ids.next(), queue, "email", "{\"q\":\"" + queue + "\"}", Priority.NORMAL, null, 3,
        key, clock.instant()), fingerprint);
  }

  private String base(String queue) {
    return prefix + ":{q:" + queue + "}";
  }

  @Test
  void theTestQueuesReallyLieInDifferentSlotsAndOnEveryMaster() {
    assertThat(QUEUES.stream().map(q -> HashSlot.of(base(q))).distinct()).hasSize(QUEUES.size());
    assertThat(QUEUES.stream().map(q -> cluster.masterOf(base(q))).distinct()).hasSize(3);
    assertThat(QUEUES).allSatisfy(q ->
        assertThat(cluster.command(0, "CLUSTER", "KEYSLOT", base(q)).trim()).isEqualTo(Integer.toString(HashSlot.of(base(q)))));
  }

  @Test
  void aBatchSpanningQueuesInDifferentSlotsIsAcceptedInOrderAndEachQueueServesItsOwnTasks() {
    List<NewTask> batch = List.of(task(JOBS, null, null), task(SMALL, null, null), task(C, null, null),
        task(OTHER, null, null), task(JOBS, null, null));

    EnqueueResult placed = result(backend.enqueue(batch));

    assertThat(placed.hasConflicts()).isFalse();
    assertThat(placed.placed()).extracting(p -> p.task().id()).containsExactlyElementsOf(
        batch.stream().map(t -> t.task().id()).toList());
    assertThat(placed.placed()).noneMatch(EnqueueResult.Placed::duplicate);
    for (String queue : QUEUES) {
      assertThat(cluster.keysOn(cluster.masterOf(base(queue)), base(queue))).as("keys of %s on its master", queue)
          .isNotEmpty();
    }
    for (String queue : QUEUES) {
      List<ClaimedTask> claimed = result(backend.claim(queue, 10, LEASE));
      List<String> expected = batch.stream().filter(t -> t.task().queue().equals(queue)).map(t -> t.task().id()).toList();
      assertThat(claimed).extracting(c -> c.task().id()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(claimed).allSatisfy(c -> assertThat(c.task().payload()).contains(queue));
      assertThat(result(backend.ack(claimed.stream().map(c -> new Completion(c.lease(), null)).toList())).applied())
          .isEqualTo(expected.size());
      assertThat(result(backend.stats(queue)).completed()).isEqualTo(expected.size());
    }
  }

  @Test
  void concurrentCallsForQueuesInDifferentSlotsAreMergedAndEachGetsTheAnswerItWouldHaveGotAlone() {
    List<List<NewTask>> calls = IntStream.range(0, 40)
        .mapToObj(i -> List.of(task(QUEUES.get(i % QUEUES.size()), null, null),
            task(QUEUES.get((i + 1) % QUEUES.size()), null, null)))
        .toList();

    List<Future<EnqueueResult>> answers = new ArrayList<>();
    // from one event loop, so the calls pile up behind the first and go merged
    result(vertx.getOrCreateContext().<Void>executeBlocking(() -> null).compose(v -> {
      calls.forEach(c -> answers.add(backend.enqueue(c)));
      return Future.all(answers);
    }));

    for (int i = 0; i < calls.size(); i++) {
      assertThat(answers.get(i).result().placed()).extracting(p -> p.task().id())
          .containsExactlyElementsOf(calls.get(i).stream().map(t -> t.task().id()).toList());
    }
    assertThat(backend.enqueueRoundTrips()).as("merged, then split per slot: fewer calls than submissions")
        .isLessThan(calls.size() * 2L);
    long stored = QUEUES.stream().mapToLong(q -> result(backend.stats(q)).waiting()).sum();
    assertThat(stored).isEqualTo(calls.size() * 2L);
  }

  @Test
  void idempotencyKeysStayPerQueueWhenABatchIsSplit() {
    List<NewTask> first = List.of(task(JOBS, "k", "fp-a"), task(SMALL, "k", "fp-b"));
    EnqueueResult placed = result(backend.enqueue(first));
    assertThat(placed.placed()).noneMatch(EnqueueResult.Placed::duplicate);

    EnqueueResult again = result(backend.enqueue(List.of(task(C, null, null), task(SMALL, "k", "fp-b"),
        task(JOBS, "k", "fp-a"))));

    assertThat(again.placed()).extracting(EnqueueResult.Placed::duplicate).containsExactly(false, true, true);
    assertThat(again.placed().get(1).task().id()).isEqualTo(first.get(1).task().id());
    assertThat(again.placed().get(2).task().id()).isEqualTo(first.get(0).task().id());
  }

  @Test
  void aConflictInOneSlotRefusesTheBatchAtItsSubmittedPositionAndTheOtherSlotsPartsStayPlaced() {
    Task original = result(backend.enqueue(List.of(task(SMALL, "k", "fp-a")))).placed().get(0).task();
    NewTask elsewhere = task(C, null, null);

    EnqueueResult refused = result(backend.enqueue(List.of(elsewhere, task(JOBS, null, null),
        task(SMALL, "k", "fp-other"))));

    assertThat(refused.conflicts()).containsExactly(new EnqueueResult.Conflict(2, "k", original.id()));
    assertThat(result(backend.stats(SMALL)).waiting()).isEqualTo(1);
    // the documented limit: atomic per slot, not across slots
    assertThat(result(backend.get(elsewhere.task().id()))).isPresent();
  }

  @Test
  void theScriptsAreLoadedOnEveryMasterAndReloadedAfterAFlush() {
    RedisScript claim = RedisScript.load(RedisScripts.CLAIM);
    for (int node = 0; node < 3; node++) cluster.command(node, "SCRIPT", "FLUSH");

    result(backend.loadScripts());

    for (int node = 0; node < 3; node++) {
      assertThat(cluster.command(node, "SCRIPT", "EXISTS", claim.sha())).as("node %d", node).isEqualTo("1");
    }
    for (int node = 0; node < 3; node++) cluster.command(node, "SCRIPT", "FLUSH");
    result(backend.enqueue(List.of(task(JOBS, null, null), task(SMALL, null, null), task(C, null, null))));
    assertThat(QUEUES.stream().mapToInt(q -> result(backend.claim(q, 10, LEASE)).size()).sum()).isEqualTo(3);
  }

  @Test
  void pingAsksEveryMaster() {
    result(backend.ping());
  }
}
