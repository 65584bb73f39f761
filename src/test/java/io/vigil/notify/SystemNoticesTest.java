package io.vigil.notify;

import io.vigil.domain.SystemMode;
import io.vigil.domain.fact.ModeChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.NotificationKind;
import io.vigil.domain.notify.NotificationStatus;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Mode switches as messages: the node that made a switch tells it, the emergency stop and its resume pair up. */
class SystemNoticesTest {
  final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
  final Stamps stamps = new Stamps(clock);
  final AtomicInteger n = new AtomicInteger();
  final SystemNotices a = new SystemNotices("node-a", "http://vigil.example", () -> "n" + n.incrementAndGet());

  ModeChanged change(SystemMode from, SystemMode to, String actor, String node) {
    return new ModeChanged(stamps.next(), to, from, to, false, false, actor, "because", node);
  }

  @Test
  void anEmergencyStopIsToldAsSuchAndTheResumeThatEndsItAsItsResolveEvenFromAnotherNode() {
    Optional<Notification> stop = a.of(change(SystemMode.ASYNC_QUEUE, SystemMode.STOPPED, "alarm:data-at-risk",
        "node-a"), false);
    clock.advance(Duration.ofMinutes(3));
    SystemNotices b = new SystemNotices("node-b", "", () -> "b1");
    ModeChanged stopOnA = change(SystemMode.ASYNC_QUEUE, SystemMode.STOPPED, "alarm:data-at-risk", "node-a");
    assertThat(b.of(stopOnA, false)).as("node-a tells its own switch").isEmpty();
    Optional<Notification> resume = b.of(change(SystemMode.STOPPED, SystemMode.ASYNC_QUEUE, "root", "node-b"), false);

    assertThat(stop.orElseThrow().kind()).isEqualTo(NotificationKind.EMERGENCY_STOP);
    assertThat(resume.orElseThrow().kind()).isEqualTo(NotificationKind.RESOLVED);
    assertThat(resume.get().first().alertname()).isEqualTo("VigilEmergencyStop");
    assertThat(resume.get().first().startsAt()).isEqualTo(stopOnA.at());
  }

  @Test
  void anOperatorsStopAndTheFallbackAreModeChangesResolvedWhenBackOnTheQueue() {
    Notification stopped = a.of(change(SystemMode.ASYNC_QUEUE, SystemMode.STOPPED, "root", "node-a"), false)
        .orElseThrow();
    Notification back = a.of(change(SystemMode.STOPPED, SystemMode.ASYNC_QUEUE, "root", "node-a"), false).orElseThrow();
    Notification fallback = a.of(change(SystemMode.ASYNC_QUEUE, SystemMode.SYNC_DIRECT, "system", "node-a"), true)
        .orElseThrow();

    assertThat(stopped.kind()).isEqualTo(NotificationKind.MODE_CHANGE);
    assertThat(stopped.status()).isEqualTo(NotificationStatus.FIRING);
    assertThat(back.status()).isEqualTo(NotificationStatus.RESOLVED);
    assertThat(fallback.first().summary()).contains("automatically");
    assertThat(a.of(change(SystemMode.PAUSED, SystemMode.PAUSED, "root", "node-a"), false)).isEmpty();
  }
}
