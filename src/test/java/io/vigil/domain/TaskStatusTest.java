package io.vigil.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.vigil.domain.TaskStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskStatusTest {

  @Test
  void aWaitingTaskCanBeClaimedOrCancelled() {
    assertThat(QUEUED.canMoveTo(ACTIVE)).isTrue();
    assertThat(QUEUED.canMoveTo(CANCELLED)).isTrue();
    assertThat(DELAYED.canMoveTo(QUEUED)).isTrue();
    assertThat(RETRYING.canMoveTo(QUEUED)).isTrue();
  }

  @Test
  void anActiveTaskEndsCompletedRetryingDeadCancelledOrBackInTheQueue() {
    assertThat(legalMovesFrom(ACTIVE)).containsExactlyInAnyOrder(COMPLETED, RETRYING, DEAD, QUEUED, CANCELLED);
  }

  @Test
  void aFinishedTaskCannotBeCancelled() {
    assertThatThrownBy(() -> COMPLETED.checkMoveTo(CANCELLED))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("illegal transition COMPLETED -> CANCELLED");
  }

  @Test
  void onlyAReplayTakesATaskOutOfTheDeadLetterQueue() {
    assertThat(legalMovesFrom(DEAD)).containsExactly(QUEUED);
  }

  @ParameterizedTest
  @EnumSource(names = {"COMPLETED", "CANCELLED"})
  void completedAndCancelledAreTerminal(TaskStatus terminal) {
    assertThat(legalMovesFrom(terminal)).isEmpty();
    assertThat(terminal.isFinished()).isTrue();
  }

  @Test
  void aDelayedTaskCannotJumpStraightToActive() {
    assertThat(DELAYED.canMoveTo(ACTIVE)).isFalse();
    assertThat(RETRYING.canMoveTo(ACTIVE)).isFalse();
  }

  @Test
  void wireNamesAreLowerCaseAndRoundTrip() {
    for (TaskStatus status : values()) {
      assertThat(fromWire(status.wireName())).isEqualTo(status);
    }
    assertThat(RETRYING.wireName()).isEqualTo("retrying");
  }
}
