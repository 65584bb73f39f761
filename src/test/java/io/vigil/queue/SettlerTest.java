package io.vigil.queue;

import io.vertx.core.Future;
import io.vigil.domain.Degraded;
import io.vigil.domain.Jitter;
import io.vigil.domain.RetryPolicy;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;
import io.vigil.domain.TaskStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.vigil.queue.ScriptedBackend.Answer.FAIL;
import static io.vigil.queue.ScriptedBackend.Answer.HOLD;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Settler on driven time")
class SettlerTest {
  static final RetryPolicy RETRY_IN_A_SECOND = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1),
      Jitter.NONE);

  final QueueFixture f = new QueueFixture();

  List<Integer> ackSizes() {
    return f.backend.acks.stream().map(List::size).toList();
  }

  @Test
  void outcomesThatArriveWhileAnAckIsInFlightGoTogetherInTheNextCall() {
    Settler settler = f.settler(1000);
    f.enqueue("work", 4);
    List<ClaimedTask> claimed = f.claim("jobs", 4);
    f.backend.ackScript.add(HOLD);

    settler.succeeded(claimed.get(0), null);
    f.timers.runDue();
    settler.succeeded(claimed.get(1), null);
    settler.succeeded(claimed.get(2), null);
    settler.succeeded(claimed.get(3), null);
    f.timers.runDue();
    assertThat(ackSizes()).as("one call in flight at a time").containsExactly(1);

    f.backend.releaseHeld();
    f.timers.runDue();

    assertThat(ackSizes()).containsExactly(1, 3);
    assertThat(claimed).allSatisfy(c -> assertThat(f.stored(c.task().id()).status()).isEqualTo(TaskStatus.COMPLETED));
  }

  @Test
  void aDegradedSuccessIsAckedWithItsMarkAndTheFinishedTaskForHistoryCarriesIt() {
    Settler settler = f.settler(1000);
    f.enqueue("work", 2);
    List<ClaimedTask> claimed = f.claim("jobs", 2);
    Degraded how = new Degraded("cache", "http:pricing.internal:443", f.clock.instant().minusSeconds(30));

    settler.succeeded(claimed.get(0), "{\"price\":7}", how);
    settler.succeeded(claimed.get(1), "{\"price\":8}");
    f.timers.runDue();

    assertThat(f.backend.acks).singleElement().satisfies(batch -> assertThat(batch).extracting(Completion::degraded)
        .containsExactly(how, null));
    assertThat(f.settled).singleElement().satisfies(b -> assertThat(b.finished()).extracting(Task::degraded)
        .containsExactly(how, null));
    assertThat(f.stored(claimed.get(0).task().id()).degraded()).isEqualTo(how);
  }

  @Test
  void aBatchHoldsAtMostMaxBatchOutcomes() {
    Settler settler = f.settler(2);
    f.enqueue("work", 4);
    f.claim("jobs", 4).forEach(c -> settler.succeeded(c, null));

    f.timers.runDue();

    assertThat(ackSizes()).containsExactly(2, 2);
  }

  @Test
  void aFailedAckIsRetriedEveryRetryDelayUntilTheLeaseDeadlineAndThenDropped() {
    Settler settler = f.settler(1000);
    f.enqueue("work", 1);
    ClaimedTask claimed = f.claim("jobs", 1).get(0);
    f.backend.ackOtherwise = FAIL;

    settler.succeeded(claimed, null);
    f.timers.runDue();
    f.timers.advanceMillis(199);
    assertThat(f.backend.acks).hasSize(1);
    f.timers.advanceMillis(1);
    assertThat(f.backend.acks).as("retried after 200 ms").hasSize(2);

    f.timers.advance(Duration.ofSeconds(60));

    Instant deadline = claimed.leaseDeadline();
    assertThat(f.backend.ackTimes).as("retried up to the deadline, never after")
        .allSatisfy(at -> assertThat(at).isBeforeOrEqualTo(deadline));
    assertThat(f.backend.ackTimes.get(f.backend.ackTimes.size() - 1)).isAfter(deadline.minusMillis(201));
    assertThat(f.backend.acks).hasSize(1 + 30_000 / 200);
    assertThat(settler.pending()).as("dropped: the reaper gives the task another run").isZero();
    assertThat(settler.drain().succeeded()).isTrue();
  }

  @Test
  void anAckThatWorksAgainAfterAFailureSettlesTheOutcome() {
    Settler settler = f.settler(1000);
    f.enqueue("work", 1);
    ClaimedTask claimed = f.claim("jobs", 1).get(0);
    f.backend.ackScript.add(FAIL);

    settler.succeeded(claimed, "{\"n\":1}");
    f.timers.runDue();
    f.timers.advanceMillis(200);

    assertThat(f.backend.acks).hasSize(2);
    assertThat(f.stored(claimed.task().id()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(f.settled).singleElement().satisfies(b -> assertThat(b.finished()).hasSize(1));
  }

  @Test
  void aRetryableFailureIsReportedWithItsRetryTimeAndTheLastAttemptIsDeadLettered() {
    Settler settler = f.settler(1000);
    f.enqueue("work", 1);
    ClaimedTask first = f.claim("jobs", 1).get(0);

    settler.failed(first, (TaskOutcome.Failed) TaskOutcome.retryable("busy"), RETRY_IN_A_SECOND);
    f.timers.runDue();
    FailureReport report = f.backend.fails.get(0).get(0);
    assertThat(report.retryAt()).isEqualTo(f.clock.instant().plusSeconds(1));
    assertThat(f.settled.get(0).finished()).as("a retry is not finished").isEmpty();

    f.timers.advance(Duration.ofSeconds(1));
    ClaimedTask last = f.claim("jobs", 1).get(0);
    settler.failed(last, (TaskOutcome.Failed) TaskOutcome.permanent("bad data"), RETRY_IN_A_SECOND);
    f.timers.runDue();

    SettledBatch dead = f.settled.get(1);
    assertThat(dead.deadLettered()).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(TaskStatus.DEAD);
      assertThat(t.lastError()).isEqualTo("bad data");
    });
  }

  @Test
  void anOutcomeWhoseLeaseWasLostIsRefusedNotFinished() {
    Settler settler = f.settler(1000);
    f.enqueue("work", 1);
    ClaimedTask claimed = f.claim("jobs", 1).get(0);
    f.timers.advance(Duration.ofSeconds(31));
    assertThat(result(f.backend.reapExpiredLeases(10))).hasSize(1);

    settler.succeeded(claimed, null);
    f.timers.runDue();

    assertThat(f.settled).singleElement().satisfies(b -> {
      assertThat(b.finished()).isEmpty();
      assertThat(b.refused()).containsExactly(claimed.task().id());
    });
  }

  @Test
  void drainCompletesOnlyOnceEveryOutcomeHasBeenAnswered() {
    Settler settler = f.settler(1000);
    f.enqueue("work", 1);
    ClaimedTask claimed = f.claim("jobs", 1).get(0);
    f.backend.ackScript.add(HOLD);
    settler.succeeded(claimed, null);

    Future<Void> drained = settler.drain();
    f.timers.runDue();
    assertThat(drained.isComplete()).isFalse();

    f.backend.releaseHeld();

    assertThat(drained.succeeded()).isTrue();
  }
}
