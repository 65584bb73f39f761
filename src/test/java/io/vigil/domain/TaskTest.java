package io.vigil.domain;

import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskTest {
  private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");

  private Task newTask(Instant runAt, int maxAttempts) {
    return Task.create("t1", "default", "noop", "{}", Priority.NORMAL, runAt, maxAttempts, null, clock.instant());
  }

  @Test
  void aTaskDueNowIsQueuedAndOneDueLaterIsDelayed() {
    assertThat(newTask(null, 3).status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(newTask(clock.instant().minusSeconds(5), 3).runAt()).isEqualTo(clock.instant());
    assertThat(newTask(clock.instant().plusSeconds(5), 3).status()).isEqualTo(TaskStatus.DELAYED);
  }

  @Test
  void aTaskCannotBeDueAfterTheLatestInstantEveryStoreKeeps() {
    assertThat(newTask(Task.LATEST_RUN_AT, 3).runAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    assertThatThrownBy(() -> newTask(Task.LATEST_RUN_AT.plusMillis(1), 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> newTask(Instant.parse("+999999999-12-31T23:59:59Z"), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void activatingCountsAnAttemptAndStampsTheStart() {
    clock.advance(Duration.ofSeconds(2));
    Task active = newTask(null, 3).activated(clock.instant());

    assertThat(active.status()).isEqualTo(TaskStatus.ACTIVE);
    assertThat(active.attempts()).isEqualTo(1);
    assertThat(active.startedAt()).isEqualTo(clock.instant());
  }

  @Test
  void anExpiredLeaseRequeuesWhileAttemptsRemainAndDeadLettersAfter() {
    Task first = newTask(null, 2).activated(clock.instant()).leaseExpired(clock.instant());
    assertThat(first.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(first.lastError()).contains("lease expired");

    Task second = first.activated(clock.instant()).leaseExpired(clock.instant());
    assertThat(second.status()).isEqualTo(TaskStatus.DEAD);
    assertThat(second.attempts()).isEqualTo(2);
  }

  @Test
  void aReleasedTaskGivesItsAttemptBack() {
    Task released = newTask(null, 3).activated(clock.instant()).released(clock.instant());

    assertThat(released.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(released.attempts()).isZero();
  }

  @Test
  void aReplayStartsOverWithFreshAttempts() {
    Task dead = newTask(null, 1).activated(clock.instant()).dead("boom", clock.instant());
    Task replayed = dead.replayed(clock.instant());

    assertThat(replayed.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(replayed.attempts()).isZero();
    assertThat(replayed.lastError()).isEqualTo("boom");
  }

  @Test
  void completingAQueuedTaskIsABug() {
    assertThatThrownBy(() -> newTask(null, 3).completed(null, clock.instant()))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void priorityOutsideZeroToNineIsRejected() {
    assertThatThrownBy(() -> Task.create("t", "q", "x", "{}", 10, null, 1, null, clock.instant()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
