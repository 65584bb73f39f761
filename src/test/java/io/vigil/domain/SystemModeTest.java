package io.vigil.domain;

import org.junit.jupiter.api.Test;

import static io.vigil.domain.SystemMode.*;
import static org.assertj.core.api.Assertions.assertThat;

class SystemModeTest {
  private final ModeState normal = new ModeState(ASYNC_QUEUE, false, BackendFallback.SYNC_DIRECT);

  @Test
  void stoppedRefusesWorkAndConsumesNothing() {
    assertThat(STOPPED.acceptsWork()).isFalse();
    assertThat(STOPPED.consumes()).isFalse();
  }

  @Test
  void pausedAcceptsWorkButHoldsIt() {
    assertThat(PAUSED.acceptsWork()).isTrue();
    assertThat(PAUSED.consumes()).isFalse();
  }

  @Test
  void onlyAResumeLeadsOutOfStopped() {
    assertThat(STOPPED.canMoveTo(ASYNC_QUEUE)).isTrue();
    assertThat(STOPPED.canMoveTo(PAUSED)).isTrue();
    assertThat(STOPPED.canMoveTo(SYNC_DIRECT)).isFalse();
  }

  @Test
  void everyRunningModeCanBeStopped() {
    for (SystemMode mode : new SystemMode[] {ASYNC_QUEUE, SYNC_DIRECT, PAUSED}) {
      assertThat(mode.canMoveTo(STOPPED)).as(mode.wireName()).isTrue();
    }
  }

  @Test
  void losingTheBackendSwitchesNormalOperationToTheInlineFallback() {
    ModeState lost = normal.withBackendLost(true);

    assertThat(lost.effective()).isEqualTo(SYNC_DIRECT);
    assertThat(lost.fallbackActive()).isTrue();
    assertThat(lost.consumes()).isFalse();
    assertThat(lost.withBackendLost(false).effective()).isEqualTo(ASYNC_QUEUE);
  }

  @Test
  void withTheRejectFallbackNewWorkIsRefusedWhileTheBackendIsLost() {
    ModeState lost = new ModeState(ASYNC_QUEUE, true, BackendFallback.REJECT);

    assertThat(lost.effective()).isEqualTo(ASYNC_QUEUE);
    assertThat(lost.rejectsNewWork()).isTrue();
  }

  @Test
  void aModeAnOperatorChoseWinsOverTheFallback() {
    ModeState stopped = normal.withConfigured(STOPPED).withBackendLost(true);

    assertThat(stopped.effective()).isEqualTo(STOPPED);
    assertThat(stopped.fallbackActive()).isFalse();
    assertThat(stopped.rejectsNewWork()).isFalse();
  }
}
