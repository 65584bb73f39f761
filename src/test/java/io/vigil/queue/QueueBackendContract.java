package io.vigil.queue;

import io.vigil.domain.Degraded;
import io.vigil.domain.Priority;
import io.vigil.domain.QueueStats;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.TaskStatus;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link QueueBackend} owes its callers. An implementation's test extends this and says
 * how to build a fresh, empty backend on a given clock.
 */
public abstract class QueueBackendContract {

  protected static final Duration LEASE = Duration.ofSeconds(30);
  protected static final String Q = "jobs";
  protected static final String OTHER = "other";
  /** Keeps finished tasks for one hour, three at most. */
  protected static final String SMALL = "small";
  /** Fair queues: at most two tasks of a group active at once. */
  protected static final String ONE_EACH = "limited";
  /** Fair queues: each group starts at most two tasks a second. */
  protected static final String RATED = "rated";
  protected static final BackendSettings SETTINGS = new BackendSettings(Duration.ofHours(1), Map.of(
      Q, new BackendSettings.Retention(Duration.ofHours(24), 100_000),
      OTHER, new BackendSettings.Retention(Duration.ofHours(24), 100_000),
      SMALL, new BackendSettings.Retention(Duration.ofHours(1), 3)), Map.of(
      ONE_EACH, new BackendSettings.GroupLimits(0, 2),
      RATED, new BackendSettings.GroupLimits(2, 0)));

  protected MutableClock clock;
  protected QueueBackend backend;
  private TaskIds ids;

  /** A new backend with no tasks, reading time from {@code clock}. */
  protected abstract QueueBackend newBackend(Clock clock, BackendSettings settings);

  @BeforeEach
  void createBackend() {
    clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    ids = new TaskIds(clock);
    backend = newBackend(clock, SETTINGS);
  }

  @AfterEach
  void closeBackend() {
    result(backend.close());
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  protected Task task(String queue) {
    return task(queue, Priority.NORMAL, null, null);
  }

  protected Task task(String queue, int priority, Instant runAt, String idempotencyKey) {
    return Task.create(ids.next(), queue, "email", "{\"to\":\"a@example.com\"}", priority, runAt, 3,
        idempotencyKey, clock.instant());
  }

  protected Task enqueue(Task task) {
    return enqueue(task, "fp-" + task.id()).placed().get(0).task();
  }

  protected EnqueueResult enqueue(Task task, String fingerprint) {
    return result(backend.enqueue(List.of(new NewTask(task, fingerprint))));
  }

  protected List<ClaimedTask> claim(String queue, int max) {
    return result(backend.claim(queue, max, LEASE));
  }

  protected ClaimedTask claimOne(String queue) {
    List<ClaimedTask> claimed = claim(queue, 1);
    assertThat(claimed).as("one task claimed from %s", queue).hasSize(1);
    return claimed.get(0);
  }

  protected Task get(String id) {
    return result(backend.get(id)).orElseThrow(() -> new AssertionError("task " + id + " not found"));
  }

  protected QueueStats stats(String queue) {
    return result(backend.stats(queue));
  }

  protected Settlement ack(ClaimedTask claimed) {
    return result(backend.ack(List.of(new Completion(claimed.lease(), "{\"ok\":true}"))));
  }

  protected Settlement failRetry(ClaimedTask claimed, Duration after) {
    return result(backend.fail(List.of(new FailureReport(claimed.lease(), "boom", clock.instant().plus(after)))));
  }

  protected Settlement failDead(ClaimedTask claimed) {
    return result(backend.fail(List.of(new FailureReport(claimed.lease(), "fatal", null))));
  }

  private List<String> idsOf(List<ClaimedTask> claimed) {
    return claimed.stream().map(c -> c.task().id()).toList();
  }

  // ---- enqueue and claim -----------------------------------------------------------------------------

  @Nested
  class EnqueueAndClaim {
    @Test
    void anEnqueuedTaskIsClaimedActiveWithItsAttemptCountedAndALease() {
      Task task = enqueue(task(Q));
      assertThat(get(task.id()).status()).isEqualTo(TaskStatus.QUEUED);

      ClaimedTask claimed = claimOne(Q);

      assertThat(claimed.task().id()).isEqualTo(task.id());
      assertThat(claimed.task().status()).isEqualTo(TaskStatus.ACTIVE);
      assertThat(claimed.task().attempts()).isEqualTo(1);
      assertThat(claimed.task().payload()).isEqualTo(task.payload());
      assertThat(claimed.leaseToken()).isNotBlank();
      assertThat(claimed.leaseDeadline()).isEqualTo(clock.instant().plus(LEASE));
      assertThat(get(task.id()).status()).isEqualTo(TaskStatus.ACTIVE);
      assertThat(get(task.id()).startedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aBatchIsPlacedWholeAndClaimedInSubmitOrder() {
      List<Task> batch = IntStream.range(0, 50).mapToObj(i -> task(Q)).toList();
      EnqueueResult placed = result(backend.enqueue(batch.stream().map(t -> new NewTask(t, "fp")).toList()));

      assertThat(placed.hasConflicts()).isFalse();
      assertThat(placed.placed()).hasSize(50).noneMatch(EnqueueResult.Placed::duplicate);
      assertThat(idsOf(claim(Q, 100))).containsExactlyElementsOf(batch.stream().map(Task::id).toList());
    }

    @Test
    void claimReturnsAtMostTheNumberAskedFor() {
      IntStream.range(0, 10).forEach(i -> enqueue(task(Q)));

      assertThat(claim(Q, 4)).hasSize(4);
      assertThat(claim(Q, 100)).hasSize(6);
      assertThat(claim(Q, 100)).isEmpty();
    }

    @Test
    void higherPriorityIsClaimedFirstThenTheOldestReadyTime() {
      Task lowOld = enqueue(task(Q, Priority.LOW, null, null));
      clock.advanceMillis(5);
      Task normal = enqueue(task(Q, Priority.NORMAL, null, null));
      clock.advanceMillis(5);
      Task highNew = enqueue(task(Q, Priority.HIGH, null, null));
      clock.advanceMillis(5);
      Task highNewer = enqueue(task(Q, Priority.HIGH, null, null));

      assertThat(idsOf(claim(Q, 10)))
          .containsExactly(highNew.id(), highNewer.id(), normal.id(), lowOld.id());
    }

    @Test
    void aQueueOnlyHandsOutItsOwnTasks() {
      Task mine = enqueue(task(Q));
      enqueue(task(OTHER));

      assertThat(idsOf(claim(Q, 10))).containsExactly(mine.id());
    }

    @Test
    void aDelayedTaskIsNotClaimedBeforeItIsDueAndIsClaimedAfter() {
      Task delayed = enqueue(task(Q, Priority.NORMAL, clock.instant().plusSeconds(60), null));
      assertThat(get(delayed.id()).status()).isEqualTo(TaskStatus.DELAYED);

      clock.advance(Duration.ofSeconds(59));
      assertThat(claim(Q, 10)).isEmpty();

      clock.advance(Duration.ofSeconds(1));
      assertThat(idsOf(claim(Q, 10))).containsExactly(delayed.id());
    }

    @Test
    void promoteDueMovesOnlyDueDelayedTasksToWaiting() {
      Task soon = enqueue(task(Q, Priority.NORMAL, clock.instant().plusSeconds(10), null));
      Task later = enqueue(task(Q, Priority.NORMAL, clock.instant().plusSeconds(100), null));
      clock.advance(Duration.ofSeconds(10));

      assertThat(result(backend.promoteDue(Q, 100))).isEqualTo(1);
      assertThat(get(soon.id()).status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(get(later.id()).status()).isEqualTo(TaskStatus.DELAYED);
      assertThat(stats(Q).waiting()).isEqualTo(1);
      assertThat(stats(Q).delayed()).isEqualTo(1);
    }

    @Test
    void aPausedQueueHandsOutNothingUntilResumed() {
      enqueue(task(Q));

      assertThat(result(backend.pause(Q))).isTrue();
      assertThat(result(backend.pause(Q))).as("second pause changes nothing").isFalse();
      assertThat(stats(Q).paused()).isTrue();
      assertThat(claim(Q, 10)).isEmpty();

      assertThat(result(backend.resume(Q))).isTrue();
      assertThat(result(backend.resume(Q))).isFalse();
      assertThat(claim(Q, 10)).hasSize(1);
    }

    @Test
    void pausingOneQueueLeavesTheOthersRunning() {
      enqueue(task(OTHER));
      result(backend.pause(Q));

      assertThat(claim(OTHER, 10)).hasSize(1);
    }
  }

  // ---- claiming in the same call as an enqueue or an ack (issue 14, fix 2) -----------------------------

  @Nested
  class ClaimingInTheSameCall {
    private WithClaim<EnqueueResult> enqueueAndClaim(List<Task> tasks, String queue, int max) {
      WithClaim<EnqueueResult> answer = result(backend.enqueueAndClaim(
          tasks.stream().map(t -> new NewTask(t, "fp-" + t.id())).toList(), new ClaimRequest(queue, max, LEASE)));
      assertThat(answer.claimMade()).as("the claim was made in the same call").isTrue();
      return answer;
    }

    private WithClaim<Settlement> ackAndClaim(ClaimedTask done, String queue, int max) {
      WithClaim<Settlement> answer = result(backend.ackAndClaim(List.of(new Completion(done.lease(), "{}")),
          new ClaimRequest(queue, max, LEASE)));
      assertThat(answer.claimMade()).as("the claim was made in the same call").isTrue();
      return answer;
    }

    @Test
    void anEnqueueThatClaimsPlacesItsTasksAndLeasesThemActiveWithALease() {
      Task task = task(Q);

      WithClaim<EnqueueResult> answer = enqueueAndClaim(List.of(task), Q, 10);

      assertThat(answer.result().placed()).extracting(p -> p.task().id()).containsExactly(task.id());
      assertThat(answer.claimed()).hasSize(1);
      ClaimedTask claimed = answer.claimed().get(0);
      assertThat(claimed.task().id()).isEqualTo(task.id());
      assertThat(claimed.task().status()).isEqualTo(TaskStatus.ACTIVE);
      assertThat(claimed.task().attempts()).isEqualTo(1);
      assertThat(claimed.task().payload()).isEqualTo(task.payload());
      assertThat(claimed.leaseDeadline()).isEqualTo(clock.instant().plus(LEASE));
      assertThat(get(task.id()).status()).isEqualTo(TaskStatus.ACTIVE);
      assertThat(ack(claimed).applied()).as("its lease token holds").isEqualTo(1);
    }

    @Test
    void theClaimTakesTheQueuesOrderNotJustTheNewTasks() {
      Task waitingHigh = enqueue(task(Q, Priority.HIGH, null, null));
      clock.advanceMillis(5);
      Task fresh = task(Q);

      WithClaim<EnqueueResult> answer = enqueueAndClaim(List.of(fresh), Q, 1);

      assertThat(idsOf(answer.claimed())).containsExactly(waitingHigh.id());
      assertThat(idsOf(claim(Q, 10))).containsExactly(fresh.id());
    }

    @Test
    void anEnqueueThatClaimsLeasesItsNewTasksInClaimOrderAndLeavesTheRestQueuedInThatOrder() {
      Task low = task(Q, Priority.LOW, null, null);
      Task high = task(Q, Priority.HIGH, null, null);
      Task normal = task(Q);

      WithClaim<EnqueueResult> answer = enqueueAndClaim(List.of(low, high, normal), Q, 1);

      assertThat(idsOf(answer.claimed())).containsExactly(high.id());
      assertThat(get(high.id()).status()).isEqualTo(TaskStatus.ACTIVE);
      assertThat(get(low.id()).status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(stats(Q).waiting()).isEqualTo(2);
      assertThat(stats(Q).active()).isEqualTo(1);
      assertThat(idsOf(claim(Q, 10))).containsExactly(normal.id(), low.id());
    }

    @Test
    void anEnqueueThatClaimsOnAFairQueueDealsTheClaimBetweenItsNewTasksAndTheWaitingGroups() {
      Task grouped = enqueue(task(Q).withGroup("g"));
      List<Task> plain = List.of(task(Q), task(Q));

      WithClaim<EnqueueResult> answer = enqueueAndClaim(plain, Q, 2);

      assertThat(idsOf(answer.claimed())).containsExactlyInAnyOrder(plain.get(0).id(), grouped.id());
      assertThat(idsOf(claim(Q, 10))).containsExactly(plain.get(1).id());
    }

    @Test
    void theClaimTakesNoMoreThanAskedAndLeavesTheRestWaiting() {
      List<Task> batch = IntStream.range(0, 5).mapToObj(i -> task(Q)).toList();

      WithClaim<EnqueueResult> answer = enqueueAndClaim(batch, Q, 2);

      assertThat(idsOf(answer.claimed())).containsExactly(batch.get(0).id(), batch.get(1).id());
      assertThat(stats(Q).waiting()).isEqualTo(3);
    }

    @Test
    void aDelayedTaskEnqueuedWithAClaimIsNotClaimedBeforeItIsDue() {
      Task delayed = task(Q, Priority.NORMAL, clock.instant().plusSeconds(60), null);

      assertThat(enqueueAndClaim(List.of(delayed), Q, 10).claimed()).isEmpty();
      assertThat(get(delayed.id()).status()).isEqualTo(TaskStatus.DELAYED);

      clock.advance(Duration.ofSeconds(60));
      Task fresh = task(Q);
      assertThat(idsOf(enqueueAndClaim(List.of(fresh), Q, 10).claimed())).as("promoted, then claimed by due time")
          .containsExactly(delayed.id(), fresh.id());
    }

    @Test
    void aPausedQueueTakesTheTasksButItsClaimLeasesNone() {
      result(backend.pause(Q));
      Task task = task(Q);

      WithClaim<EnqueueResult> answer = enqueueAndClaim(List.of(task), Q, 10);

      assertThat(answer.claimed()).isEmpty();
      assertThat(get(task.id()).status()).isEqualTo(TaskStatus.QUEUED);
      result(backend.resume(Q));
      assertThat(idsOf(claim(Q, 10))).containsExactly(task.id());
    }

    @Test
    void aConflictingEnqueuePlacesNothingAndItsClaimStillTakesWhatWaits() {
      Task keyed = enqueue(task(Q, Priority.NORMAL, null, "k"), "fp-1").placed().get(0).task();
      Task conflicting = task(Q, Priority.NORMAL, null, "k");

      WithClaim<EnqueueResult> answer = result(backend.enqueueAndClaim(List.of(new NewTask(conflicting, "fp-2")),
          new ClaimRequest(Q, 10, LEASE)));

      assertThat(answer.result().hasConflicts()).isTrue();
      assertThat(answer.claimMade()).isTrue();
      assertThat(idsOf(answer.claimed())).containsExactly(keyed.id());
      assertThat(result(backend.get(conflicting.id()))).isEmpty();
    }

    @Test
    void anAckThatClaimsCompletesTheTaskAndLeasesTheNextWaiting() {
      enqueue(task(Q));
      Task next = enqueue(task(Q));
      ClaimedTask first = claimOne(Q);

      WithClaim<Settlement> answer = ackAndClaim(first, Q, 10);

      assertThat(answer.result().applied()).isEqualTo(1);
      assertThat(get(first.task().id()).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(idsOf(answer.claimed())).containsExactly(next.id());
      assertThat(answer.claimed().get(0).task().attempts()).isEqualTo(1);
      assertThat(get(next.id()).status()).isEqualTo(TaskStatus.ACTIVE);
    }

    @Test
    void aRefusedAckChangesNothingAndItsClaimIsStillMade() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      Task next = enqueue(task(Q));
      ClaimedTask stale = new ClaimedTask(claimed.task(), claimed.leaseToken() + "x", claimed.leaseDeadline());

      WithClaim<Settlement> answer = ackAndClaim(stale, Q, 10);

      assertThat(answer.result().refusedTaskIds()).containsExactly(claimed.task().id());
      assertThat(get(claimed.task().id()).status()).isEqualTo(TaskStatus.ACTIVE);
      assertThat(idsOf(answer.claimed())).containsExactly(next.id());
    }

    @Test
    void aClaimMadeWithAnAckKeepsTheGroupsConcurrencyLimit() {
      List<Task> grouped = IntStream.range(0, 4).mapToObj(i -> enqueue(task(ONE_EACH).withGroup("g"))).toList();
      List<ClaimedTask> first = claim(ONE_EACH, 10);
      assertThat(first).hasSize(2);

      WithClaim<Settlement> answer = ackAndClaim(first.get(0), ONE_EACH, 10);

      assertThat(idsOf(answer.claimed())).as("one slot of the group freed").containsExactly(grouped.get(2).id());
      assertThat(enqueueAndClaim(List.of(task(ONE_EACH).withGroup("g")), ONE_EACH, 10).claimed())
          .as("the group is at its limit").isEmpty();
    }

    @Test
    void completedTasksBeyondTheMaximumCountAreForgottenWhenAcksClaimToo() {
      List<String> done = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ClaimedTask claimed = enqueueAndClaim(List.of(task(SMALL)), SMALL, 1).claimed().get(0);
        ackAndClaim(claimed, SMALL, 1);
        done.add(claimed.task().id());
        clock.advanceMillis(10);
      }

      assertThat(stats(SMALL).completed()).isEqualTo(3);
      assertThat(result(backend.get(done.get(1)))).isEmpty();
      assertThat(result(backend.get(done.get(2)))).isPresent();
    }
  }

  // ---- ack, fail, leases -----------------------------------------------------------------------------

  @Nested
  class Settling {
    @Test
    void ackCompletesTheTaskAndKeepsItsResult() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      clock.advanceMillis(250);

      Settlement settlement = ack(claimed);

      assertThat(settlement.applied()).isEqualTo(1);
      assertThat(settlement.refusedTaskIds()).isEmpty();
      Task done = get(claimed.task().id());
      assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(done.result()).isEqualTo("{\"ok\":true}");
      assertThat(done.attempts()).isEqualTo(1);
      assertThat(done.finishedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aTaskAckedWithADegradedAnswerReadsBackDegradedInGetAndList() {
      enqueue(task(Q));
      enqueue(task(Q));
      List<ClaimedTask> claimed = claim(Q, 2);
      Degraded cached = new Degraded("cache", "http:pricing.internal:443", clock.instant().minusSeconds(90));
      Degraded fallback = new Degraded("fallback-handler", "http:pricing.internal:443", null);

      result(backend.ack(List.of(new Completion(claimed.get(0).lease(), "{\"price\":7}", cached),
          new Completion(claimed.get(1).lease(), null, fallback))));

      Task first = get(claimed.get(0).task().id());
      assertThat(first.degraded()).isEqualTo(cached);
      assertThat(first.result()).isEqualTo("{\"price\":7}");
      Task second = get(claimed.get(1).task().id());
      assertThat(second.degraded()).as("a fallback that answered nothing").isEqualTo(fallback);
      assertThat(second.result()).isNull();
      assertThat(result(backend.list(new TaskQuery(Q, TaskStatus.COMPLETED, 10)))).extracting(Task::degraded)
          .containsExactlyInAnyOrder(cached, fallback);
    }

    @Test
    void aListingOfDegradedTasksHoldsOnlyTheTasksAnsweredDegraded() {
      List<Task> tasks = IntStream.range(0, 4).mapToObj(i -> enqueue(task(Q))).toList();
      enqueue(task(OTHER));
      List<ClaimedTask> claimed = claim(Q, 3);
      ClaimedTask other = claimOne(OTHER);
      Degraded fallback = new Degraded("fallback-handler", "http:pricing.internal:443", null);
      result(backend.ack(List.of(new Completion(claimed.get(0).lease(), "{}", fallback),
          new Completion(claimed.get(1).lease(), "{}"), new Completion(claimed.get(2).lease(), null, fallback))));
      result(backend.ack(List.of(new Completion(other.lease(), "{}", fallback))));

      assertThat(result(backend.list(new TaskQuery(Q, null, 10, true)))).extracting(Task::id)
          .containsExactly(tasks.get(2).id(), tasks.get(0).id());
      assertThat(result(backend.list(new TaskQuery(null, TaskStatus.COMPLETED, 10, true)))).as("every queue")
          .hasSize(3);
      assertThat(result(backend.list(new TaskQuery(Q, null, 1, true)))).extracting(Task::id).as("the newest first")
          .containsExactly(tasks.get(2).id());
      assertThat(result(backend.list(new TaskQuery(Q, TaskStatus.QUEUED, 10, true)))).as("only completed tasks are")
          .isEmpty();
      assertThat(result(backend.list(new TaskQuery(Q, null, 10)))).as("without the filter").hasSize(4);
    }

    @Test
    void aPlainAckReadsBackWithoutADegradedMark() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);

      ack(claimed);

      assertThat(get(claimed.task().id()).degraded()).isNull();
      assertThat(get(claimed.task().id()).result()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aDegradedMarkSurvivesAnAckThatClaimsToo() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      Degraded fallback = new Degraded("fallback-handler", "http:pricing.internal:443", null);

      result(backend.ackAndClaim(List.of(new Completion(claimed.lease(), "{}", fallback)),
          new ClaimRequest(Q, 1, LEASE)));

      assertThat(get(claimed.task().id()).degraded()).isEqualTo(fallback);
    }

    @Test
    void aBatchOfAcksIsAppliedTogether() {
      IntStream.range(0, 20).forEach(i -> enqueue(task(Q)));
      List<ClaimedTask> claimed = claim(Q, 20);

      Settlement settlement = result(backend.ack(claimed.stream().map(c -> new Completion(c.lease(), null)).toList()));

      assertThat(settlement.applied()).isEqualTo(20);
      assertThat(stats(Q).completed()).isEqualTo(20);
      assertThat(stats(Q).active()).isZero();
    }

    @Test
    void anAckWithAWrongLeaseTokenIsRefusedAndNotApplied() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      Lease forged = new Lease(claimed.task().id(), Q, claimed.leaseToken() + "x");

      Settlement settlement = result(backend.ack(List.of(new Completion(forged, null))));

      assertThat(settlement.applied()).isZero();
      assertThat(settlement.refusedTaskIds()).containsExactly(claimed.task().id());
      assertThat(get(claimed.task().id()).status()).isEqualTo(TaskStatus.ACTIVE);
    }

    @Test
    void aSecondAckOfTheSameLeaseIsRefused() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      ack(claimed);

      assertThat(ack(claimed).refusedTaskIds()).containsExactly(claimed.task().id());
      assertThat(stats(Q).completed()).isEqualTo(1);
    }

    @Test
    void aFailureWithARetryTimeWaitsUntilThenAndRunsAgainAsTheNextAttempt() {
      enqueue(task(Q));
      ClaimedTask first = claimOne(Q);

      assertThat(failRetry(first, Duration.ofSeconds(5)).applied()).isEqualTo(1);
      Task retrying = get(first.task().id());
      assertThat(retrying.status()).isEqualTo(TaskStatus.RETRYING);
      assertThat(retrying.lastError()).isEqualTo("boom");
      assertThat(stats(Q).retrying()).isEqualTo(1);
      assertThat(claim(Q, 10)).isEmpty();

      clock.advance(Duration.ofSeconds(5));
      ClaimedTask second = claimOne(Q);
      assertThat(second.task().attempts()).isEqualTo(2);
      assertThat(stats(Q).retrying()).isZero();
    }

    @Test
    void aFailureWithoutARetryTimeDeadLettersTheTask() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);

      failDead(claimed);

      Task dead = get(claimed.task().id());
      assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
      assertThat(dead.lastError()).isEqualTo("fatal");
      assertThat(stats(Q).dead()).isEqualTo(1);
      assertThat(claim(Q, 10)).isEmpty();
    }

    @Test
    void aFailureWithAStaleLeaseIsRefused() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      ack(claimed);

      assertThat(failDead(claimed).refusedTaskIds()).containsExactly(claimed.task().id());
      assertThat(get(claimed.task().id()).status()).isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Nested
  class Leases {
    @Test
    void anExpiredLeaseIsReapedAndTheTaskWaitsAgainWithTheAttemptCounted() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);

      clock.advance(LEASE.minusMillis(1));
      assertThat(result(backend.reapExpiredLeases(100))).isEmpty();

      clock.advanceMillis(1);
      List<Task> reaped = result(backend.reapExpiredLeases(100));
      assertThat(reaped).extracting(Task::id).containsExactly(claimed.task().id());
      assertThat(reaped.get(0).status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(reaped.get(0).attempts()).isEqualTo(1);

      ClaimedTask again = claimOne(Q);
      assertThat(again.task().attempts()).isEqualTo(2);
    }

    @Test
    void anExpiredLeaseOnTheLastAttemptDeadLettersTheTask() {
      enqueue(task(Q)); // three attempts
      for (int attempt = 1; attempt <= 3; attempt++) {
        claimOne(Q);
        clock.advance(LEASE);
        result(backend.reapExpiredLeases(100));
      }

      assertThat(stats(Q).dead()).isEqualTo(1);
      assertThat(result(backend.deadLetters(Q, 10)).get(0).lastError()).contains("lease expired");
    }

    @Test
    void anAckFromAWorkerWhoseLeaseWasReapedAndReclaimedIsRefused() {
      enqueue(task(Q));
      ClaimedTask slow = claimOne(Q);
      clock.advance(LEASE);
      result(backend.reapExpiredLeases(100));
      ClaimedTask fresh = claimOne(Q);

      assertThat(ack(slow).refusedTaskIds()).containsExactly(slow.task().id());
      assertThat(get(slow.task().id()).status()).isEqualTo(TaskStatus.ACTIVE);
      assertThat(ack(fresh).applied()).isEqualTo(1);
    }

    @Test
    void extendingALeaseKeepsTheTaskFromBeingReaped() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      clock.advance(Duration.ofSeconds(20));

      Optional<Instant> deadline = result(backend.extendLease(claimed.lease(), Duration.ofSeconds(30)));

      assertThat(deadline).contains(clock.instant().plusSeconds(30));
      clock.advance(Duration.ofSeconds(29));
      assertThat(result(backend.reapExpiredLeases(100))).isEmpty();
      assertThat(ack(claimed).applied()).isEqualTo(1);
    }

    @Test
    void extendingALostLeaseSaysSo() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      ack(claimed);

      assertThat(result(backend.extendLease(claimed.lease(), Duration.ofSeconds(30)))).isEmpty();
    }

    @Test
    void aReleasedTaskWaitsAgainWithoutCountingTheAttempt() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);

      assertThat(result(backend.release(List.of(claimed.lease()))).applied()).isEqualTo(1);

      assertThat(get(claimed.task().id()).status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(claimOne(Q).task().attempts()).isEqualTo(1);
    }

    @Test
    void twoClaimersNeverReceiveTheSameTask() {
      IntStream.range(0, 100).forEach(i -> enqueue(task(Q)));
      List<String> first = idsOf(claim(Q, 60));
      List<String> second = idsOf(claim(Q, 60));

      assertThat(first).hasSize(60).doesNotContainAnyElementsOf(second);
      assertThat(second).hasSize(40);
    }
  }

  // ---- cancel ----------------------------------------------------------------------------------------

  @Nested
  class Cancelling {
    @Test
    void aQueuedTaskIsCancelledAndNeverClaimed() {
      Task task = enqueue(task(Q));

      CancelResult result = result(backend.cancel(task.id()));

      assertThat(result).isInstanceOf(CancelResult.Cancelled.class);
      assertThat(get(task.id()).status()).isEqualTo(TaskStatus.CANCELLED);
      assertThat(claim(Q, 10)).isEmpty();
      assertThat(stats(Q).waiting()).isZero();
    }

    @Test
    void aDelayedTaskIsCancelledAndNeverPromoted() {
      Task task = enqueue(task(Q, Priority.NORMAL, clock.instant().plusSeconds(10), null));

      assertThat(result(backend.cancel(task.id()))).isInstanceOf(CancelResult.Cancelled.class);
      clock.advance(Duration.ofSeconds(10));
      assertThat(claim(Q, 10)).isEmpty();
      assertThat(stats(Q).delayed()).isZero();
    }

    @Test
    void aRetryingTaskCanBeCancelled() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      failRetry(claimed, Duration.ofSeconds(10));

      assertThat(result(backend.cancel(claimed.task().id()))).isInstanceOf(CancelResult.Cancelled.class);
      assertThat(stats(Q).retrying()).isZero();
    }

    @Test
    void anActiveTaskCannotBeCancelled() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);

      CancelResult result = result(backend.cancel(claimed.task().id()));

      assertThat(result).isInstanceOfSatisfying(CancelResult.NotCancellable.class,
          r -> assertThat(r.status()).isEqualTo(TaskStatus.ACTIVE));
      assertThat(ack(claimed).applied()).isEqualTo(1);
    }

    @Test
    void aCompletedTaskCannotBeCancelled() {
      enqueue(task(Q));
      ack(claimOne(Q));
      String id = result(backend.list(new TaskQuery(Q, TaskStatus.COMPLETED, 1))).get(0).id();

      assertThat(result(backend.cancel(id))).isInstanceOfSatisfying(CancelResult.NotCancellable.class,
          r -> assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED));
    }

    @Test
    void anUnknownTaskIsNotFound() {
      assertThat(result(backend.cancel("no-such-task"))).isInstanceOf(CancelResult.NotFound.class);
    }

    @Test
    void aRunningTaskIsCancelledByItsLeaseEndsCancelledAndIsNeitherRetriedNorReaped() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      clock.advance(Duration.ofMillis(5));

      CancelResult result = result(backend.cancelLeased(claimed.lease()));

      assertThat(result).isInstanceOfSatisfying(CancelResult.Cancelled.class, c -> {
        assertThat(c.task().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(c.task().attempts()).isEqualTo(1);
        assertThat(c.task().finishedAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      });
      assertThat(get(claimed.task().id()).status()).isEqualTo(TaskStatus.CANCELLED);
      assertThat(stats(Q).active()).isZero();
      assertThat(ack(claimed).applied()).as("the old lease settles nothing").isZero();
      clock.advance(Duration.ofHours(1));
      assertThat(result(backend.reapExpiredLeases(10))).isEmpty();
      assertThat(claim(Q, 10)).isEmpty();
    }

    @Test
    void aLeaseThatIsNoLongerHeldCancelsNothing() {
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      ack(claimed);

      assertThat(result(backend.cancelLeased(claimed.lease()))).isInstanceOfSatisfying(CancelResult.NotCancellable.class,
          r -> assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED));
      assertThat(result(backend.cancelLeased(new Lease("no-such-task", Q, "t")))).isInstanceOf(CancelResult.NotFound.class);
    }
  }

  // ---- dead letters ----------------------------------------------------------------------------------

  @Nested
  class DeadLetters {
    private List<Task> deadLetter(int count) {
      List<Task> dead = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        enqueue(task(Q));
        ClaimedTask claimed = claimOne(Q);
        failDead(claimed);
        dead.add(claimed.task());
      }
      return dead;
    }

    @Test
    void deadLettersListsTheQueuesDeadTasksOldestFirst() {
      List<Task> dead = deadLetter(3);
      enqueue(task(Q)); // not dead

      assertThat(result(backend.deadLetters(Q, 10))).extracting(Task::id)
          .containsExactlyElementsOf(dead.stream().map(Task::id).toList());
      assertThat(result(backend.deadLetters(Q, 2))).hasSize(2);
      assertThat(result(backend.deadLetters(OTHER, 10))).isEmpty();
    }

    @Test
    void replayingAllPutsEveryDeadTaskBackWithFreshAttempts() {
      deadLetter(2);

      List<Task> replayed = result(backend.replay(Q, List.of()));

      assertThat(replayed).hasSize(2).allMatch(t -> t.status() == TaskStatus.QUEUED && t.attempts() == 0);
      assertThat(stats(Q).dead()).isZero();
      assertThat(claim(Q, 10)).hasSize(2).allMatch(c -> c.task().attempts() == 1);
    }

    @Test
    void replayingChosenIdsReplaysOnlyThoseAndIgnoresOthers() {
      List<Task> dead = deadLetter(3);

      List<Task> replayed = result(backend.replay(Q, List.of(dead.get(1).id(), "not-dead")));

      assertThat(replayed).extracting(Task::id).containsExactly(dead.get(1).id());
      assertThat(stats(Q).dead()).isEqualTo(2);
    }

    @Test
    void purgingDeletesTheDeadTasks() {
      List<Task> dead = deadLetter(2);

      assertThat(result(backend.purgeDeadLetters(Q))).isEqualTo(2);

      assertThat(stats(Q).dead()).isZero();
      assertThat(result(backend.get(dead.get(0).id()))).isEmpty();
    }

    @Test
    void drainingMovesOnlyTasksWaitingSinceBeforeTheCutoffToTheDeadLettersWhereTheyCanBeReplayed() {
      Task low = enqueue(task(Q, Priority.LOW, null, null), "fp-low").placed().get(0).task();
      Task high = enqueue(task(Q, Priority.HIGH, null, null), "fp-high").placed().get(0).task();
      clock.advance(Duration.ofMinutes(20));
      Task fresh = enqueue(task(Q), "fp-fresh").placed().get(0).task();
      enqueue(task(OTHER), "fp-other");

      List<Task> drained = result(backend.drainToDeadLetters(Q, clock.instant().minus(Duration.ofMinutes(10)), 10));

      assertThat(drained).extracting(Task::id).containsExactlyInAnyOrder(low.id(), high.id());
      assertThat(drained).allMatch(t -> t.status() == TaskStatus.DEAD);
      assertThat(stats(Q).dead()).isEqualTo(2);
      assertThat(stats(Q).waiting()).isEqualTo(1);
      assertThat(stats(OTHER).waiting()).isEqualTo(1);
      assertThat(result(backend.replay(Q, List.of(low.id())))).extracting(Task::status).containsExactly(TaskStatus.QUEUED);
      assertThat(claim(Q, 10)).extracting(c -> c.task().id()).containsExactlyInAnyOrder(fresh.id(), low.id());
    }

    @Test
    void drainingTakesNoMoreThanItsMaximum() {
      for (int i = 0; i < 5; i++) enqueue(task(Q), "fp-" + i);
      clock.advance(Duration.ofMinutes(1));
      assertThat(result(backend.drainToDeadLetters(Q, clock.instant(), 3))).hasSize(3);
      assertThat(stats(Q).waiting()).isEqualTo(2);
    }
  }

  // ---- idempotency -----------------------------------------------------------------------------------

  @Nested
  class Idempotency {
    @Test
    void theSameKeyAndFingerprintReturnsTheOriginalTask() {
      Task original = enqueue(task(Q, Priority.NORMAL, null, "order-42"), "fp-a").placed().get(0).task();

      EnqueueResult again = enqueue(task(Q, Priority.NORMAL, null, "order-42"), "fp-a");

      assertThat(again.placed()).singleElement().satisfies(p -> {
        assertThat(p.duplicate()).isTrue();
        assertThat(p.task().id()).isEqualTo(original.id());
      });
      assertThat(stats(Q).waiting()).isEqualTo(1);
    }

    @Test
    void theOriginalIsReturnedAsItIsNow() {
      Task original = enqueue(task(Q, Priority.NORMAL, null, "order-42"), "fp-a").placed().get(0).task();
      ack(claimOne(Q));

      EnqueueResult again = enqueue(task(Q, Priority.NORMAL, null, "order-42"), "fp-a");

      assertThat(again.placed().get(0).task().id()).isEqualTo(original.id());
      assertThat(again.placed().get(0).task().status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void theSameKeyWithAnotherFingerprintConflictsAndNothingInTheBatchIsAdded() {
      Task original = enqueue(task(Q, Priority.NORMAL, null, "order-42"), "fp-a").placed().get(0).task();

      EnqueueResult result = result(backend.enqueue(List.of(
          new NewTask(task(Q), "fp-x"),
          new NewTask(task(Q, Priority.NORMAL, null, "order-42"), "fp-b"))));

      assertThat(result.hasConflicts()).isTrue();
      assertThat(result.conflicts()).singleElement().satisfies(c -> {
        assertThat(c.index()).isEqualTo(1);
        assertThat(c.idempotencyKey()).isEqualTo("order-42");
        assertThat(c.existingTaskId()).isEqualTo(original.id());
      });
      assertThat(result.placed()).isEmpty();
      assertThat(stats(Q).waiting()).as("the other task of the batch was not added either").isEqualTo(1);
    }

    @Test
    void aKeyRepeatedInsideOneBatchIsADuplicateOfItsFirstUse() {
      Task first = task(Q, Priority.NORMAL, null, "k");
      EnqueueResult result = result(backend.enqueue(List.of(
          new NewTask(first, "fp"), new NewTask(task(Q, Priority.NORMAL, null, "k"), "fp"))));

      assertThat(result.placed()).extracting(p -> p.task().id()).containsExactly(first.id(), first.id());
      assertThat(result.placed()).extracting(EnqueueResult.Placed::duplicate).containsExactly(false, true);
      assertThat(stats(Q).waiting()).isEqualTo(1);
    }

    @Test
    void aTaskWithoutAKeyNeedsNoFingerprint() {
      Task task = task(Q); // submissions without an idempotency key carry a null fingerprint

      EnqueueResult result = enqueue(task, null);

      assertThat(result.placed()).singleElement().satisfies(p -> assertThat(p.task().id()).isEqualTo(task.id()));
      assertThat(get(task.id()).status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void aKeyIsForgottenAfterTheWindow() {
      Task original = enqueue(task(Q, Priority.NORMAL, null, "k"), "fp").placed().get(0).task();
      clock.advance(SETTINGS.idempotencyWindow().plusSeconds(1));

      EnqueueResult later = enqueue(task(Q, Priority.NORMAL, null, "k"), "fp");

      assertThat(later.placed().get(0).duplicate()).isFalse();
      assertThat(later.placed().get(0).task().id()).isNotEqualTo(original.id());
    }

    @Test
    void keysOfDifferentQueuesAreIndependent() {
      enqueue(task(Q, Priority.NORMAL, null, "k"), "fp-a");

      EnqueueResult other = enqueue(task(OTHER, Priority.NORMAL, null, "k"), "fp-b");

      assertThat(other.hasConflicts()).isFalse();
      assertThat(other.placed().get(0).duplicate()).isFalse();
    }
  }

  // ---- statistics and retention ----------------------------------------------------------------------

  @Nested
  class Statistics {
    @Test
    void statsCountEveryState() {
      enqueue(task(Q)); // will complete
      enqueue(task(Q)); // will retry
      enqueue(task(Q)); // will die
      enqueue(task(Q)); // stays active
      List<ClaimedTask> claimed = claim(Q, 4);
      ack(claimed.get(0));
      failRetry(claimed.get(1), Duration.ofMinutes(1));
      failDead(claimed.get(2));
      enqueue(task(Q)); // waiting
      enqueue(task(Q, Priority.NORMAL, clock.instant().plusSeconds(60), null)); // delayed

      QueueStats stats = stats(Q);

      assertThat(stats.queue()).isEqualTo(Q);
      assertThat(stats.paused()).isFalse();
      assertThat(stats.waiting()).isEqualTo(1);
      assertThat(stats.delayed()).isEqualTo(1);
      assertThat(stats.active()).isEqualTo(1);
      assertThat(stats.completed()).isEqualTo(1);
      assertThat(stats.retrying()).isEqualTo(1);
      assertThat(stats.dead()).isEqualTo(1);
    }

    @Test
    void throughputCountsCompletionsOfTheLastMinute() {
      IntStream.range(0, 5).forEach(i -> enqueue(task(Q)));
      claim(Q, 5).forEach(QueueBackendContract.this::ack);

      assertThat(stats(Q).throughputPerMinute()).isEqualTo(5);
      clock.advance(Duration.ofSeconds(61));
      assertThat(stats(Q).throughputPerMinute()).isZero();
    }

    @Test
    void errorRateIsFailedAttemptsOverAllSettledAttempts() {
      IntStream.range(0, 4).forEach(i -> enqueue(task(Q)));
      List<ClaimedTask> claimed = claim(Q, 4);
      ack(claimed.get(0));
      ack(claimed.get(1));
      ack(claimed.get(2));
      failRetry(claimed.get(3), Duration.ofMinutes(5));

      assertThat(stats(Q).errorRate()).isEqualTo(0.25);
      clock.advance(Duration.ofSeconds(61));
      assertThat(stats(Q).errorRate()).isZero();
    }

    @Test
    void theOldestWaitingAgeGrowsWithTheClock() {
      assertThat(stats(Q).oldestWaitingAgeMs()).isZero();
      enqueue(task(Q, Priority.LOW, null, null));
      clock.advance(Duration.ofSeconds(3));
      enqueue(task(Q, Priority.HIGH, null, null));
      clock.advance(Duration.ofSeconds(2));

      assertThat(stats(Q).oldestWaitingAgeMs()).isEqualTo(5_000);
    }

    @Test
    void lastCompletedAtIsTheTimeOfTheLastAck() {
      assertThat(stats(Q).lastCompletedAt()).isNull();
      enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      clock.advance(Duration.ofSeconds(7));
      ack(claimed);

      assertThat(stats(Q).lastCompletedAt()).isEqualTo(clock.instant());
    }

    @Test
    void completedTasksAreForgottenAfterTheRetentionAge() {
      enqueue(task(SMALL));
      ClaimedTask claimed = claimOne(SMALL);
      ack(claimed);
      clock.advance(Duration.ofMinutes(59));
      assertThat(result(backend.get(claimed.task().id()))).isPresent();

      clock.advance(Duration.ofMinutes(2));

      assertThat(stats(SMALL).completed()).isZero();
      assertThat(result(backend.get(claimed.task().id()))).isEmpty();
    }

    @Test
    void completedTasksBeyondTheMaximumCountAreForgottenOldestFirst() {
      List<String> done = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        enqueue(task(SMALL));
        ClaimedTask claimed = claimOne(SMALL);
        ack(claimed);
        done.add(claimed.task().id());
        clock.advanceMillis(10);
      }

      assertThat(stats(SMALL).completed()).isEqualTo(3);
      assertThat(result(backend.get(done.get(0)))).isEmpty();
      assertThat(result(backend.get(done.get(1)))).isEmpty();
      assertThat(result(backend.get(done.get(4)))).isPresent();
    }

    @Test
    void aDegradedTaskForgottenByRetentionTakesItsMarkWithIt() {
      enqueue(task(SMALL));
      ClaimedTask claimed = claimOne(SMALL);
      result(backend.ack(List.of(new Completion(claimed.lease(), "{}",
          new Degraded("fallback-handler", "http:pricing.internal:443", null)))));

      clock.advance(Duration.ofMinutes(61));

      assertThat(stats(SMALL).completed()).isZero();
      assertThat(result(backend.get(claimed.task().id()))).isEmpty();
      assertThat(result(backend.list(new TaskQuery(SMALL, null, 10)))).isEmpty();
    }

    @Test
    void deadTasksAreKeptPastTheRetention() {
      enqueue(task(SMALL));
      ClaimedTask claimed = claimOne(SMALL);
      failDead(claimed);

      clock.advance(Duration.ofHours(2));

      assertThat(stats(SMALL).dead()).isEqualTo(1);
      assertThat(result(backend.get(claimed.task().id()))).isPresent();
    }
  }

  // ---- reads -----------------------------------------------------------------------------------------

  @Nested
  class Reads {
    @Test
    void getReturnsTheTaskAsItIsNow() {
      Task task = enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      failRetry(claimed, Duration.ofSeconds(10));

      Task now = get(task.id());

      assertThat(now.status()).isEqualTo(TaskStatus.RETRYING);
      assertThat(now.attempts()).isEqualTo(1);
      assertThat(now.type()).isEqualTo("email");
      assertThat(now.queue()).isEqualTo(Q);
      assertThat(now.createdAt()).isEqualTo(task.createdAt());
    }

    @Test
    void getOfAnUnknownIdIsEmpty() {
      assertThat(result(backend.get("nope"))).isEmpty();
    }

    @Test
    void listFiltersByQueueAndStatusNewestFirst() {
      Task a = enqueue(task(Q));
      clock.advanceMillis(1);
      Task b = enqueue(task(Q));
      clock.advanceMillis(1);
      Task c = enqueue(task(OTHER));

      assertThat(result(backend.list(new TaskQuery(Q, null, 10)))).extracting(Task::id).containsExactly(b.id(), a.id());
      assertThat(result(backend.list(new TaskQuery(null, null, 10)))).extracting(Task::id)
          .containsExactly(c.id(), b.id(), a.id());
      assertThat(result(backend.list(new TaskQuery(null, TaskStatus.QUEUED, 2)))).hasSize(2);
      assertThat(result(backend.list(new TaskQuery(Q, TaskStatus.ACTIVE, 10)))).isEmpty();
    }

    @Test
    void pingSucceedsWhileTheBackendAnswers() {
      result(backend.ping());
    }
  }

  /** One precision and one instant: what a backend records is what it answers with, to the millisecond. */
  @Nested
  class Times {
    private void assertWholeMillis(Task task) {
      for (Instant time : new Instant[] {task.runAt(), task.createdAt(), task.updatedAt(), task.startedAt(),
          task.finishedAt()}) {
        if (time != null) assertThat(time.getNano() % 1_000_000).as("%s of %s", time, task.id()).isZero();
      }
    }

    @Test
    void everyTimeABackendAnswersWithIsAWholeMillisecondEvenWhenItsClockIsFiner() {
      clock.set(Instant.parse("2026-01-01T00:00:00.123456789Z"));
      Task placed = enqueue(task(Q, Priority.NORMAL, clock.instant().plusNanos(5_000_500), null));
      assertWholeMillis(placed);
      assertWholeMillis(get(placed.id()));
      assertThat(get(placed.id()).createdAt()).isEqualTo(placed.createdAt()).isEqualTo("2026-01-01T00:00:00.123Z");

      clock.set(Instant.parse("2026-01-01T00:00:01.987654321Z"));
      ClaimedTask claimed = claimOne(Q);
      assertWholeMillis(claimed.task());
      assertThat(claimed.leaseDeadline().getNano() % 1_000_000).isZero();
      assertThat(get(placed.id()).startedAt()).isEqualTo(claimed.task().startedAt());

      clock.advance(Duration.ofNanos(333_333_333));
      Settlement settled = ack(claimed);
      Task done = get(placed.id());
      assertWholeMillis(done);
      assertThat(settled.at()).isEqualTo(done.finishedAt()).isEqualTo(done.updatedAt())
          .isEqualTo("2026-01-01T00:00:02.320Z");
    }

    @Test
    void aDeadLetteredTaskFinishedAtTheInstantTheSettlementReports() {
      clock.set(Instant.parse("2026-01-01T00:00:00.000999999Z"));
      Task placed = enqueue(task(Q));
      ClaimedTask claimed = claimOne(Q);
      clock.advance(Duration.ofNanos(1_500_000));

      Settlement settled = failDead(claimed);

      assertThat(settled.at()).isEqualTo("2026-01-01T00:00:00.002Z");
      assertThat(get(placed.id()).finishedAt()).isEqualTo(settled.at());
    }

    @Test
    void aCancelledTaskReadsWithTheTimesTheCancelAnsweredWith() {
      clock.set(Instant.parse("2026-01-01T00:00:00.000999999Z"));
      Task placed = enqueue(task(Q, Priority.NORMAL, clock.instant().plusSeconds(60), null));
      clock.advance(Duration.ofNanos(1_500_000));

      Task cancelled = ((CancelResult.Cancelled) result(backend.cancel(placed.id()))).task();

      assertWholeMillis(cancelled);
      assertThat(cancelled.finishedAt()).isEqualTo("2026-01-01T00:00:00.002Z");
      assertThat(get(placed.id())).isEqualTo(cancelled);
    }
  }

  // ---- fair queues -----------------------------------------------------------------------------------

  /** How many tasks of one group wait in the starvation case (the figure; a slow backend may lower it). */
  protected int bigBacklog() {
    return 100_000;
  }

  protected Task grouped(String queue, String group) {
    return task(queue).withGroup(group);
  }

  protected List<Task> enqueueAll(List<Task> tasks) {
    List<Task> placed = new ArrayList<>(tasks.size());
    for (int from = 0; from < tasks.size(); from += 5_000) {
      List<NewTask> batch = tasks.subList(from, Math.min(tasks.size(), from + 5_000)).stream()
          .map(t -> new NewTask(t, "fp")).toList();
      result(backend.enqueue(batch)).placed().forEach(p -> placed.add(p.task()));
    }
    return placed;
  }

  private static Map<String, Long> countByGroup(List<ClaimedTask> claimed) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    claimed.forEach(c -> counts.merge(String.valueOf(c.task().group()), 1L, Long::sum));
    return counts;
  }

  @Nested
  class FairQueues {
    @Test
    void aTaskOfAnotherGroupIsClaimedInTheFirstClaimBehindAHugeBacklogOfOneGroup() {
      enqueueAll(IntStream.range(0, bigBacklog()).mapToObj(i -> grouped(Q, "tenant-a")).toList());
      clock.advanceMillis(1);
      Task late = enqueue(grouped(Q, "tenant-b"));

      List<ClaimedTask> claimed = claim(Q, 10);

      assertThat(idsOf(claimed)).as("one claim cycle").contains(late.id());
      assertThat(countByGroup(claimed)).containsEntry("tenant-a", 9L).containsEntry("tenant-b", 1L);
      assertThat(stats(Q).waiting()).isEqualTo(bigBacklog() - 9L);
    }

    @Test
    void groupsAreServedInTurnOneShareEachPerClaim() {
      for (String group : List.of("a", "b", "c")) {
        enqueueAll(IntStream.range(0, 5).mapToObj(i -> grouped(Q, group)).toList());
      }

      assertThat(countByGroup(claim(Q, 3))).containsOnly(Map.entry("a", 1L), Map.entry("b", 1L), Map.entry("c", 1L));
      assertThat(countByGroup(claim(Q, 6))).containsOnly(Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 2L));
      assertThat(countByGroup(claim(Q, 100))).containsOnly(Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 2L));
      assertThat(claim(Q, 100)).isEmpty();
    }

    @Test
    void withMoreGroupsThanAClaimTakesEveryGroupGetsATaskBeforeAnyGetsASecond() {
      for (String queue : List.of(Q, ONE_EACH)) { // without limits, and with them (more groups looked at)
        List<String> groups = IntStream.range(0, 120).mapToObj(i -> queue + "-" + i).toList();
        enqueueAll(IntStream.range(0, 360).mapToObj(i -> grouped(queue, groups.get(i % groups.size()))).toList());

        List<ClaimedTask> firstTwo = new ArrayList<>(claim(queue, 50));
        firstTwo.addAll(claim(queue, 50));
        Map<String, Long> first = countByGroup(firstTwo);
        assertThat(first).as(queue).hasSize(100).allSatisfy((g, n) -> assertThat(n).isEqualTo(1L));
        Map<String, Long> third = countByGroup(claim(queue, 50));
        assertThat(third).as(queue).hasSize(50).allSatisfy((g, n) -> assertThat(n).isEqualTo(1L));
        assertThat(third.keySet()).as("the groups not served yet come first")
            .containsAll(groups.stream().filter(g -> !first.containsKey(g)).toList());
      }
    }

    @Test
    void aGroupWithLittleBacklogLeavesTheRestOfItsShareToTheOthers() {
      enqueueAll(IntStream.range(0, 100).mapToObj(i -> grouped(Q, "busy")).toList());
      enqueueAll(IntStream.range(0, 2).mapToObj(i -> grouped(Q, "quiet")).toList());

      assertThat(countByGroup(claim(Q, 10))).containsOnly(Map.entry("busy", 8L), Map.entry("quiet", 2L));
      assertThat(result(backend.groupStats(Q, 10))).containsExactly(new GroupStats("busy", 92));
    }

    @Test
    void aGroupsConcurrencyCountsExactlyItsActiveTasksAfterMostOfThemFinished() {
      backend.reconfigure(new BackendSettings(SETTINGS.idempotencyWindow(), SETTINGS.retention(),
          Map.of(Q, new BackendSettings.GroupLimits(0, 100))), Map.of());
      enqueueAll(IntStream.range(0, 300).mapToObj(i -> grouped(Q, "g")).toList());

      List<ClaimedTask> first = claim(Q, 100);
      assertThat(first).hasSize(100);
      assertThat(claim(Q, 100)).as("at its limit").isEmpty();
      result(backend.ack(first.subList(1, 100).stream().map(c -> new Completion(c.lease(), null)).toList()));
      assertThat(claim(Q, 100)).as("room for the 99 that finished, not more").hasSize(99);
      assertThat(claim(Q, 100)).isEmpty();
    }

    @Test
    void aBatchSpreadOverGroupsAddsToEachGroupsBacklogAndTurn() {
      enqueueAll(IntStream.range(0, 30).mapToObj(i -> grouped(Q, "g" + i % 3)).toList());
      enqueueAll(IntStream.range(0, 6).mapToObj(i -> grouped(Q, i < 4 ? "g0" : "g1")).toList());

      assertThat(result(backend.groupStats(Q, 10)))
          .containsExactly(new GroupStats("g0", 14), new GroupStats("g1", 12), new GroupStats("g2", 10));
      assertThat(stats(Q).waiting()).isEqualTo(36);
      assertThat(countByGroup(claim(Q, 3))).containsOnly(Map.entry("g0", 1L), Map.entry("g1", 1L), Map.entry("g2", 1L));
    }

    @Test
    void theGroupsLeftOutOfOneClaimComeFirstInTheNext() {
      for (String group : List.of("a", "b", "c", "d")) {
        enqueueAll(IntStream.range(0, 3).mapToObj(i -> grouped(Q, group)).toList());
      }

      Map<String, Long> first = countByGroup(claim(Q, 2));
      Map<String, Long> second = countByGroup(claim(Q, 2));

      assertThat(first.keySet()).hasSize(2).doesNotContainAnyElementsOf(second.keySet());
      assertThat(second.keySet()).hasSize(2);
    }

    @Test
    void ungroupedTasksTakeTheirShareBesideGroupsAndKeepTheirPriorityOrder() {
      enqueueAll(IntStream.range(0, 100).mapToObj(i -> grouped(Q, "busy")).toList());
      Task low = enqueue(task(Q, Priority.LOW, null, null));
      Task high = enqueue(task(Q, Priority.HIGH, null, null));

      List<ClaimedTask> claimed = claim(Q, 4);

      assertThat(countByGroup(claimed)).containsOnly(Map.entry("busy", 2L), Map.entry("null", 2L));
      assertThat(idsOf(claimed.stream().filter(c -> c.task().group() == null).toList()))
          .containsExactly(high.id(), low.id());
    }

    @Test
    void anUngroupedTaskIsClaimedInTheFirstClaimBehindMoreGroupsThanTheClaimTakes() {
      for (String queue : List.of(Q, ONE_EACH)) { // without limits, and with them
        enqueueAll(IntStream.range(0, 300).mapToObj(i -> grouped(queue, queue + "-" + (i % 100))).toList());
        clock.advanceMillis(1);
        Task plain = enqueue(task(queue));

        List<ClaimedTask> claimed = claim(queue, 10);

        assertThat(idsOf(claimed)).as(queue + ": one claim cycle").contains(plain.id());
        assertThat(countByGroup(claimed)).as(queue).hasSize(10).allSatisfy((g, n) -> assertThat(n).isEqualTo(1L));
      }
    }

    @Test
    void withinAGroupHigherPriorityIsClaimedFirst() {
      Task normal = enqueue(task(Q, Priority.NORMAL, null, null).withGroup("g"));
      Task high = enqueue(task(Q, Priority.HIGH, null, null).withGroup("g"));

      assertThat(idsOf(claim(Q, 10))).containsExactly(high.id(), normal.id());
    }

    @Test
    void aGroupNeverHasMoreActiveTasksThanItsConcurrency() {
      enqueueAll(IntStream.range(0, 10).mapToObj(i -> grouped(ONE_EACH, i % 2 == 0 ? "a" : "b")).toList());

      List<ClaimedTask> first = claim(ONE_EACH, 100);
      assertThat(countByGroup(first)).containsOnly(Map.entry("a", 2L), Map.entry("b", 2L));
      assertThat(claim(ONE_EACH, 100)).as("both groups are at their limit").isEmpty();

      ClaimedTask doneA = first.stream().filter(c -> c.task().group().equals("a")).findFirst().orElseThrow();
      ack(doneA);
      assertThat(countByGroup(claim(ONE_EACH, 100))).as("one slot of a freed").containsOnly(Map.entry("a", 1L));

      ClaimedTask failedB = first.stream().filter(c -> c.task().group().equals("b")).findFirst().orElseThrow();
      failRetry(failedB, Duration.ofMinutes(10));
      assertThat(countByGroup(claim(ONE_EACH, 100))).as("a failed attempt frees its slot")
          .containsOnly(Map.entry("b", 1L));
    }

    @Test
    void expiredLeasesFreeTheirGroupsSlotsAndTheTasksWaitInTheirGroupAgain() {
      enqueueAll(IntStream.range(0, 3).mapToObj(i -> grouped(ONE_EACH, "a")).toList());
      assertThat(claim(ONE_EACH, 100)).hasSize(2);

      clock.advance(LEASE.plusSeconds(1));
      assertThat(result(backend.reapExpiredLeases(100))).hasSize(2).allMatch(t -> "a".equals(t.group()));

      List<ClaimedTask> again = claim(ONE_EACH, 100);
      assertThat(again).hasSize(2).allMatch(c -> "a".equals(c.task().group()));
      assertThat(stats(ONE_EACH).waiting()).isEqualTo(1);
    }

    @Test
    void aGroupStartsNoMoreTasksThanItsRateAllowsWhileOtherGroupsHaveTheirOwn() {
      enqueueAll(IntStream.range(0, 20).mapToObj(i -> grouped(RATED, "a")).toList());
      enqueueAll(IntStream.range(0, 5).mapToObj(i -> grouped(RATED, "b")).toList());

      assertThat(countByGroup(claim(RATED, 100))).as("a full bucket: one second's worth")
          .containsOnly(Map.entry("a", 2L), Map.entry("b", 2L));
      assertThat(claim(RATED, 100)).as("no tokens left at the same instant").isEmpty();

      clock.advanceMillis(499);
      assertThat(claim(RATED, 100)).as("not yet one token").isEmpty();
      clock.advanceMillis(1);
      assertThat(countByGroup(claim(RATED, 100))).containsOnly(Map.entry("a", 1L), Map.entry("b", 1L));

      clock.advance(Duration.ofSeconds(60));
      assertThat(countByGroup(claim(RATED, 100))).as("the bucket holds one second's worth however long it waits")
          .containsOnly(Map.entry("a", 2L), Map.entry("b", 2L));
    }

    @Test
    void reloadedGroupLimitsHoldFromTheNextClaim() {
      enqueueAll(IntStream.range(0, 5).mapToObj(i -> grouped(Q, "a")).toList());

      backend.reconfigure(new BackendSettings(SETTINGS.idempotencyWindow(), SETTINGS.retention(),
          Map.of(Q, new BackendSettings.GroupLimits(0, 1))), Map.of());
      assertThat(claim(Q, 10)).hasSize(1);
      assertThat(claim(Q, 10)).isEmpty();

      backend.reconfigure(SETTINGS, Map.of());
      assertThat(claim(Q, 10)).hasSize(4);
    }

    @Test
    void drainingToDeadLettersTakesOldGroupedTasksToo() {
      enqueueAll(List.of(grouped(Q, "a"), grouped(Q, "a"), grouped(Q, "b"), task(Q)));
      clock.advance(Duration.ofMinutes(10));
      Task fresh = enqueue(grouped(Q, "a"));

      List<Task> drained = result(backend.drainToDeadLetters(Q, clock.instant().minus(Duration.ofMinutes(1)), 100));

      assertThat(drained).hasSize(4).allMatch(t -> t.status() == TaskStatus.DEAD);
      assertThat(result(backend.groupStats(Q, 10))).containsExactly(new GroupStats("a", 1));
      assertThat(stats(Q).waiting()).isEqualTo(1);
      assertThat(idsOf(claim(Q, 10))).containsExactly(fresh.id());
    }

    @Test
    void aQueueWithoutGroupLimitsHandsOutAGroupsTasksAsFastAsAsked() {
      enqueueAll(IntStream.range(0, 50).mapToObj(i -> grouped(Q, "a")).toList());

      assertThat(claim(Q, 50)).hasSize(50);
    }

    @Test
    void aTaskKeepsItsGroupThroughRetryDelayReleaseReplayAndCancel() {
      Task delayed = enqueue(task(ONE_EACH, Priority.NORMAL, clock.instant().plusSeconds(5), null).withGroup("g"));
      assertThat(get(delayed.id()).group()).isEqualTo("g");
      clock.advance(Duration.ofSeconds(5));

      ClaimedTask claimed = claimOne(ONE_EACH);
      assertThat(claimed.task().group()).isEqualTo("g");
      failRetry(claimed, Duration.ofSeconds(1));
      clock.advance(Duration.ofSeconds(1));
      ClaimedTask retried = claimOne(ONE_EACH);
      assertThat(retried.task().group()).isEqualTo("g");

      result(backend.release(List.of(retried.lease())));
      assertThat(result(backend.groupStats(ONE_EACH, 10))).containsExactly(new GroupStats("g", 1));
      ClaimedTask again = claimOne(ONE_EACH);
      failDead(again);
      assertThat(result(backend.replay(ONE_EACH, List.of()))).singleElement()
          .satisfies(t -> assertThat(t.group()).isEqualTo("g"));
      assertThat(result(backend.groupStats(ONE_EACH, 10))).containsExactly(new GroupStats("g", 1));

      assertThat(result(backend.cancel(delayed.id()))).isInstanceOf(CancelResult.Cancelled.class);
      assertThat(result(backend.groupStats(ONE_EACH, 10))).isEmpty();
      assertThat(stats(ONE_EACH).waiting()).isZero();
      assertThat(claim(ONE_EACH, 10)).isEmpty();
      assertThat(get(delayed.id()).group()).isEqualTo("g");
    }

    @Test
    void groupStatsListTheGroupsWithTheMostQueuedTasksFirst() {
      enqueueAll(IntStream.range(0, 5).mapToObj(i -> grouped(Q, "big")).toList());
      enqueueAll(IntStream.range(0, 3).mapToObj(i -> grouped(Q, "middle")).toList());
      enqueue(grouped(Q, "small"));
      enqueue(task(Q));

      assertThat(result(backend.groupStats(Q, 2)))
          .containsExactly(new GroupStats("big", 5), new GroupStats("middle", 3));
      assertThat(stats(Q).waiting()).isEqualTo(10);

      claim(Q, 4);
      assertThat(result(backend.groupStats(Q, 10)))
          .containsExactly(new GroupStats("big", 4), new GroupStats("middle", 2));
      assertThat(result(backend.groupStats(OTHER, 10))).isEmpty();
    }

    @Test
    void anUngroupedQueueClaimsExactlyAsBeforeAndListsNoGroups() {
      List<Task> batch = enqueueAll(IntStream.range(0, 20).mapToObj(i -> task(Q)).toList());

      assertThat(idsOf(claim(Q, 20))).containsExactlyElementsOf(batch.stream().map(Task::id).toList());
      assertThat(result(backend.groupStats(Q, 10))).isEmpty();
    }

    @Test
    void listingQueuedTasksFindsGroupedOnes() {
      Task plain = enqueue(task(Q));
      Task inGroup = enqueue(grouped(Q, "g"));

      assertThat(result(backend.list(new TaskQuery(Q, TaskStatus.QUEUED, 10)))).extracting(Task::id)
          .containsExactly(inGroup.id(), plain.id());
    }
  }
}
