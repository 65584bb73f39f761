package io.vigil.queue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vigil.domain.Degraded;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;
import io.vigil.domain.TaskStatus;
import io.vigil.testing.CapturedLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("QueueRunner on driven time")
class QueueRunnerTest {
  final QueueFixture f = new QueueFixture();
  final Settler settler = f.settler(1000);
  final QueueRunner jobs = f.runner("jobs", settler);

  @Test
  void claimsFillTheConcurrencyAndNoMore() {
    f.enqueue("work", 10);

    jobs.setConsuming(true);
    f.timers.runDue();

    assertThat(f.handler.running()).isEqualTo(4);
    assertThat(jobs.inFlight()).isEqualTo(4);
    assertThat(f.backend.claimsAsked).as("each claim asks for half the concurrency").containsExactly(2, 2);
  }

  @Test
  void aFinishedTaskMakesRoomForTheNextClaimAtOnce() {
    f.enqueue("work", 10);
    jobs.setConsuming(true);
    f.timers.runDue();

    f.handler.succeedOldest();
    f.timers.runDue();

    assertThat(f.handler.started).hasSize(5);
    assertThat(f.handler.running()).isEqualTo(4);
    assertThat(f.backend.claimsAsked).containsExactly(2, 2, 1);
  }

  @Test
  void aFinishedTasksAckClaimsItsRoomInTheSameCallInsteadOfAClaimOfItsOwn() {
    f.backend.claimsInTheSameCall = true;
    f.enqueue("work", 10);
    jobs.setConsuming(true);
    f.timers.runDue();

    f.handler.succeedOldest();
    f.timers.runDue();

    assertThat(f.handler.started).hasSize(5);
    assertThat(f.handler.running()).isEqualTo(4);
    assertThat(f.backend.acks).hasSize(1);
    assertThat(f.backend.claimsRidden).as("the ack carried the claim").containsExactly(1);
    assertThat(f.backend.claimsAsked).as("no claim call of its own").containsExactly(2, 2);
  }

  @Test
  void whenTheAckThatCarriedAClaimFailsTheRunnerClaimsOnItsOwnAfterTheBackoff() {
    f.backend.claimsInTheSameCall = true;
    f.enqueue("work", 10);
    jobs.setConsuming(true);
    f.timers.runDue();
    f.backend.ackScript.add(ScriptedBackend.Answer.FAIL);

    f.handler.succeedOldest();
    f.timers.runDue();
    assertThat(f.handler.started).hasSize(4);

    f.timers.advanceMillis(100);
    assertThat(f.handler.started).as("claimed again after 2 x idle_poll_ms").hasSize(5);
    assertThat(f.backend.claimsAsked).containsExactly(2, 2, 1);
  }

  @Test
  void aSubmissionToAnIdleRunnerClaimsInItsEnqueueCallAndNothingIsClaimedTwice() {
    f.backend.claimsInTheSameCall = true;
    jobs.setConsuming(true);
    f.timers.runDue();
    assertThat(f.backend.claimsAsked).as("found the queue empty: idle").containsExactly(2);

    ClaimRider rider = jobs.submissions();
    ClaimRequest offered = rider.offer();
    assertThat(offered).isEqualTo(new ClaimRequest("jobs", 2, f.config.queues().get("jobs").lease()));
    Task task = f.newTask("work");
    rider.answered(offered, f.backend.enqueueAndClaim(List.of(new NewTask(task, "fp")), offered));
    f.timers.runDue();

    assertThat(f.handler.started).hasSize(1);
    assertThat(f.backend.claimsAsked).as("no claim call right after the enqueue").containsExactly(2);
    f.timers.advanceMillis(50);
    assertThat(f.backend.claimsAsked).as("idle again: polls as before").containsExactly(2, 2);
  }

  @Test
  void anIdleRunnerOfOneOfThreeNodesLooksForWorkEveryThirdIdlePollAndAtOnceWhenWorkIsSubmittedHere() {
    int[] nodes = {3};
    QueueRunner shared = new QueueRunner(f.timers, f.config.queues().get("jobs"), () -> f.slice, f.backend, f.executor,
        settler, f.clock, f.health, () -> nodes[0]);
    shared.setConsuming(true);
    f.timers.runDue();
    assertThat(f.backend.claimsAsked).as("found the queue empty: idle").hasSize(1);

    f.timers.advanceMillis(149);
    assertThat(f.backend.claimsAsked).as("not at one idle_poll_ms: the other two nodes poll too").hasSize(1);
    f.timers.advanceMillis(1);
    assertThat(f.backend.claimsAsked).as("at three").hasSize(2);

    nodes[0] = 1; // the two others left: the wait under way ends as set, the next is one idle_poll_ms
    f.timers.advanceMillis(150);
    f.timers.advanceMillis(50);
    assertThat(f.backend.claimsAsked).as("alone again: every idle_poll_ms").hasSize(4);

    nodes[0] = 3;
    f.enqueue("work", 1);
    shared.wake();
    f.timers.runDue();
    assertThat(f.handler.started).as("work submitted on this node is looked for at once").hasSize(1);
  }

  @Test
  void anAckDoesNotCarryAClaimWhileTheRunnerWaitsIdleAndAStoppedRunnerOffersNone() {
    f.backend.claimsInTheSameCall = true;
    jobs.setConsuming(true);
    f.timers.runDue();

    assertThat(jobs.acks().offer()).as("idle: the queue was empty a moment ago").isNull();
    jobs.setConsuming(false);
    assertThat(jobs.submissions().offer()).isNull();
  }

  @Test
  void aRateLimitedQueueClaimsOnlyAsManyTasksAsItHasTokens() {
    QueueRunner limited = f.runner("limited", settler);
    f.enqueue("paced", 20);

    limited.setConsuming(true);
    f.timers.runDue();
    assertThat(f.handler.started).as("the burst: one second's worth").hasSize(5);

    f.timers.advanceMillis(199);
    assertThat(f.handler.started).hasSize(5);
    f.timers.advanceMillis(1);
    assertThat(f.handler.started).as("one token every 200 ms").hasSize(6);

    f.timers.advanceMillis(800);
    assertThat(f.handler.started).as("the concurrency caps it").hasSize(10);
  }

  @Test
  void anIdleQueueAsksAgainAfterIdlePollMs() {
    jobs.setConsuming(true);
    f.timers.runDue();
    assertThat(f.backend.claimsAsked).hasSize(1);

    f.timers.advanceMillis(49);
    assertThat(f.backend.claimsAsked).hasSize(1);
    f.timers.advanceMillis(1);

    assertThat(f.backend.claimsAsked).hasSize(2);
  }

  @Test
  void aLocalSubmissionWakesAnIdleQueueWithoutWaitingForThePoll() {
    jobs.setConsuming(true);
    f.timers.runDue();
    f.enqueue("work", 1);

    jobs.wake();
    f.timers.runDue();

    assertThat(f.handler.started).hasSize(1);
    assertThat(f.clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aFailedClaimBacksOffDoublingAndAsksTheHealthCheckToLook() {
    f.backend.claimOtherwise = ScriptedBackend.Answer.FAIL;
    jobs.setConsuming(true);
    f.timers.runDue();
    assertThat(f.backend.claimsAsked).hasSize(1);

    f.timers.advanceMillis(99);
    assertThat(f.backend.claimsAsked).hasSize(1);
    f.timers.advanceMillis(1);
    assertThat(f.backend.claimsAsked).as("idle_poll_ms << 1 after the first error").hasSize(2);
    f.timers.advanceMillis(199);
    assertThat(f.backend.claimsAsked).hasSize(2);
    f.timers.advanceMillis(1);
    assertThat(f.backend.claimsAsked).as("then << 2").hasSize(3);

    f.backend.claimOtherwise = ScriptedBackend.Answer.PASS;
    f.enqueue("work", 1);
    f.timers.advanceMillis(400);
    assertThat(f.handler.started).hasSize(1);
    assertThat(f.health.isLost()).as("the backend still answers pings").isFalse();
  }

  @Test
  void aSuccessIsAckedAndARetryableFailureWaitsForItsBackoff() {
    List<String> ids = f.enqueue("work", 2);
    jobs.setConsuming(true);
    f.timers.runDue();

    f.handler.succeed(ids.get(0), "{\"receipt\":1}");
    f.handler.fail(ids.get(1), TaskOutcome.retryable("target busy"));
    f.timers.runDue();

    assertThat(f.stored(ids.get(0)).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(f.stored(ids.get(0)).result()).isEqualTo("{\"receipt\":1}");
    assertThat(f.stored(ids.get(1)).status()).isEqualTo(TaskStatus.RETRYING);
    assertThat(f.stored(ids.get(1)).runAt()).isEqualTo(f.clock.instant().plusSeconds(1));
    assertThat(f.settled.stream().flatMap(b -> b.finished().stream()).map(t -> t.id())).containsExactly(ids.get(0));
  }

  @Test
  void aSuccessFromABreakerFallbackIsAckedWithItsDegradedMarkAndFinishesDegraded() {
    List<String> ids = f.enqueue("work", 2);
    jobs.setConsuming(true);
    f.timers.runDue();
    Degraded how = new Degraded("fallback-handler", "http:pricing.internal:443", null);

    f.handler.succeedDegraded(ids.get(0), "{\"price\":0}", how);
    f.handler.succeed(ids.get(1), "{\"price\":7}");
    f.timers.runDue();

    assertThat(f.backend.acks.stream().flatMap(List::stream).map(Completion::degraded)).containsExactly(how, null);
    assertThat(f.stored(ids.get(0)).degraded()).isEqualTo(how);
    assertThat(f.stored(ids.get(1)).degraded()).isNull();
    assertThat(f.settled.stream().flatMap(b -> b.finished().stream()).map(Task::degraded)).containsExactly(how, null);
  }

  @Test
  void whileAHandlerRunsItsLeaseIsExtendedEveryThirdOfTheLeaseTime() {
    List<String> ids = f.enqueue("work", 1);
    jobs.setConsuming(true);
    f.timers.runDue();

    f.timers.advanceMillis(9_999);
    assertThat(f.backend.extensions).isEmpty();
    f.timers.advanceMillis(1);
    assertThat(f.backend.extensions).hasSize(1);

    f.timers.advance(Duration.ofSeconds(60));
    assertThat(result(f.backend.reapExpiredLeases(10))).as("a running task's lease never expires").isEmpty();
    assertThat(f.stored(ids.get(0)).status()).isEqualTo(TaskStatus.ACTIVE);
  }

  @Test
  void settlingRetriesGoByTheExtendedLeaseNotTheOneFromTheClaim() {
    List<String> ids = f.enqueue("work", 1);
    jobs.setConsuming(true);
    f.timers.runDue();
    Instant claimedUntil = f.clock.instant().plus(f.config.queues().get("jobs").lease());
    f.timers.advance(Duration.ofSeconds(35)); // extended at +10 s, +20 s, +30 s: past the claim's deadline now
    assertThat(f.clock.instant()).isAfter(claimedUntil);
    f.backend.ackScript.add(ScriptedBackend.Answer.FAIL);

    f.handler.succeedOldest();
    f.timers.runDue();
    f.timers.advanceMillis(200);

    assertThat(f.backend.acks).as("the failed ack was sent again, not dropped as past its lease").hasSize(2);
    assertThat(f.stored(ids.get(0)).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(f.handler.started).as("run once").hasSize(1);
  }

  @Test
  void aFailedLeaseExtensionIsLoggedOnceAndEveryOneIsCounted() {
    f.enqueue("work", 1);
    jobs.setConsuming(true);
    f.timers.runDue();
    f.backend.extendOtherwise = ScriptedBackend.Answer.FAIL;

    try (CapturedLog log = CapturedLog.capture()) {
      f.timers.advance(Duration.ofSeconds(30));

      assertThat(f.backend.extensions).as("one look every 10 s").hasSize(3);
      assertThat(jobs.leaseExtensionFailures()).isEqualTo(3);
      List<String> warnings = log.atLeast(Level.WARN).stream().map(e -> e.getFormattedMessage()).toList();
      assertThat(warnings).as(CapturedLog.describe(log.events())).singleElement()
          .satisfies(w -> assertThat(w).contains("extend").contains(QueueRunner.EXTENSION_FAILURES));
      assertThat(log.withStackTraces()).isEmpty();

      f.backend.extendOtherwise = ScriptedBackend.Answer.PASS;
      f.timers.advance(Duration.ofSeconds(10));
      assertThat(log.events()).as("says once that extensions work again")
          .filteredOn(e -> e.getFormattedMessage().contains("succeed again")).hasSize(1);
    }
  }

  @Test
  void stoppingConsumptionLetsRunningTasksFinishButClaimsNoMore() {
    f.enqueue("work", 10);
    jobs.setConsuming(true);
    f.timers.runDue();

    jobs.setConsuming(false);
    f.handler.succeedOldest();
    f.timers.advance(Duration.ofSeconds(1));

    assertThat(f.handler.started).hasSize(4);
    assertThat(f.backend.acks).hasSize(1);
  }

  @Test
  void awaitIdleCompletesWhenTheLastRunningTaskFinishes() {
    f.enqueue("work", 2);
    jobs.setConsuming(true);
    f.timers.runDue();
    jobs.stop();

    Future<Void> idle = jobs.awaitIdle(Duration.ofSeconds(5));
    f.handler.succeedOldest();
    assertThat(idle.isComplete()).isFalse();
    f.handler.succeedOldest();

    assertThat(idle.succeeded()).isTrue();
  }

  @Test
  void aGracefulStopWaitsTheGraceThenReleasesTheLeasesAndDropsLateOutcomes() {
    List<String> ids = f.enqueue("work", 3);
    jobs.setConsuming(true);
    f.timers.runDue();
    jobs.stop();

    Future<Void> idle = jobs.awaitIdle(Duration.ofSeconds(5));
    f.timers.advanceMillis(4_999);
    assertThat(idle.isComplete()).isFalse();
    f.timers.advanceMillis(1);
    assertThat(idle.failed()).isTrue();

    Settlement released = result(jobs.releaseRunning());
    assertThat(released.applied()).isEqualTo(3);
    assertThat(ids).allSatisfy(id -> {
      assertThat(f.stored(id).status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(f.stored(id).attempts()).as("a released attempt is not counted").isZero();
    });

    f.handler.succeedOldest();
    f.timers.runDue();
    assertThat(f.backend.acks).as("the late outcome of a released task is dropped").isEmpty();
    assertThat(settler.drain().succeeded()).isTrue();
  }
}
