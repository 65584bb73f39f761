package io.vigil.control;

import io.vigil.bus.FailureException;
import io.vigil.domain.BackendFallback;
import io.vigil.domain.ModeState;
import io.vigil.domain.SystemMode;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ModeControllerTest {
  private final MutableClock clock = MutableClock.startingAt("2026-02-01T09:00:00Z");
  private final ModeController modes = new ModeController(
      new ModeState(SystemMode.ASYNC_QUEUE, false, BackendFallback.SYNC_DIRECT), clock);

  @Test
  void anOperatorsSwitchRecordsWhoWhenAndWhy() {
    clock.advance(Duration.ofMinutes(5));

    ModeController.Change change = modes.set(SystemMode.STOPPED, "alice", "duplicate charges");

    assertThat(change.previous()).isEqualTo(SystemMode.ASYNC_QUEUE);
    assertThat(change.mode()).isEqualTo(SystemMode.STOPPED);
    assertThat(change.manual()).isTrue();
    assertThat(modes.view().getString("mode")).isEqualTo("stopped");
    assertThat(modes.view().getString("changed_by")).isEqualTo("alice");
    assertThat(modes.view().getString("reason")).isEqualTo("duplicate charges");
    assertThat(modes.view().getString("changed_at")).isEqualTo("2026-02-01T09:05:00.000Z");
    assertThat(modes.view().getBoolean("accepting_work")).isFalse();
  }

  @Test
  void aForbiddenSwitchIsRefusedWith409() {
    modes.set(SystemMode.STOPPED, "alice", "incident");

    FailureException refused = catchThrowableOfType(FailureException.class,
        () -> modes.set(SystemMode.SYNC_DIRECT, "bob", "skip the queue"));

    assertThat(refused.failure().status()).isEqualTo(409);
    assertThat(modes.state().configured()).isEqualTo(SystemMode.STOPPED);
  }

  @Test
  void losingTheBackendSwitchesToTheFallbackOnceAndBackOnce() {
    ModeController.Change lost = modes.backendLost().orElseThrow();

    assertThat(lost.mode()).isEqualTo(SystemMode.SYNC_DIRECT);
    assertThat(lost.manual()).isFalse();
    assertThat(lost.actor()).isEqualTo("system");
    assertThat(modes.backendLost()).as("no second switch while still lost").isEmpty();
    assertThat(modes.view().getBoolean("fallback_active")).isTrue();
    assertThat(modes.view().getString("configured")).isEqualTo("async_queue");

    ModeController.Change restored = modes.backendRestored().orElseThrow();
    assertThat(restored.mode()).isEqualTo(SystemMode.ASYNC_QUEUE);
    assertThat(modes.backendRestored()).isEmpty();
  }

  @Test
  void losingTheBackendWhileStoppedChangesNothingVisible() {
    modes.set(SystemMode.STOPPED, "alice", "incident");

    assertThat(modes.backendLost()).isEmpty();
    assertThat(modes.state().effective()).isEqualTo(SystemMode.STOPPED);
  }

  @Test
  void aModeAdoptedFromAPeerReplacesTheConfiguredOne() {
    modes.adopt(SystemMode.PAUSED, "carol", "maintenance", clock.instant());

    assertThat(modes.state().configured()).isEqualTo(SystemMode.PAUSED);
    assertThat(modes.view().getString("changed_by")).isEqualTo("carol");
  }
}
