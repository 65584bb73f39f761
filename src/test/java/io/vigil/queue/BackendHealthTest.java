package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue backend's health check, on driven time: every ping is counted at the instant it is sent. */
class BackendHealthTest {
  static final Duration CHECK_EVERY = Duration.ofMillis(1000);
  static final Duration MAX_BACKOFF = Duration.ofMillis(4000);

  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  final FakeTimers timers = new FakeTimers(clock);
  final Instant start = clock.instant();
  /** How the next pings answer, in order; when empty, as {@link #otherwise}. */
  final Deque<String> script = new ArrayDeque<>();
  String otherwise = "ok";
  /** Milliseconds after the start at which each ping was sent. */
  final List<Long> pingsAt = new ArrayList<>();
  final List<String> transitions = new ArrayList<>();

  /** A backend that only answers ping: "ok", "fail" or "hang" (never answers). */
  final QueueBackend backend = (QueueBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {QueueBackend.class}, (proxy, method, args) -> switch (method.getName()) {
        case "ping" -> {
          pingsAt.add(Duration.between(start, clock.instant()).toMillis());
          String answer = script.isEmpty() ? otherwise : script.poll();
          yield switch (answer) {
            case "fail" -> Future.failedFuture("connection refused");
            case "hang" -> Promise.promise().future();
            default -> Future.succeededFuture();
          };
        }
        case "name" -> "fake";
        default -> throw new UnsupportedOperationException(method.getName());
      });

  final BackendHealth health = new BackendHealth(timers, clock, backend, CHECK_EVERY, MAX_BACKOFF,
      cause -> transitions.add("lost: " + cause.getMessage() + " at " + sinceStart()),
      () -> transitions.add("restored at " + sinceStart()));

  long sinceStart() {
    return Duration.between(start, clock.instant()).toMillis();
  }

  @Test
  void aFailedOperationWhileTheBackendStillAnswersIsNotALoss() {
    health.failed(new RuntimeException("one bad call"));
    timers.advance(Duration.ofMinutes(1));

    assertThat(pingsAt).containsExactly(0L);
    assertThat(transitions).isEmpty();
    assertThat(health.isLost()).isFalse();
  }

  @Test
  void oneFailedPingWhileAConnectionIsReplacedIsNotALossAndIsCheckedAgainSoon() {
    script.add("fail");

    health.failed(new RuntimeException("connection closed"));
    timers.advanceMillis(BackendHealth.RECHECK_MS - 1);
    assertThat(pingsAt).containsExactly(0L);
    timers.advanceMillis(1);

    assertThat(pingsAt).containsExactly(0L, BackendHealth.RECHECK_MS);
    assertThat(transitions).isEmpty();
    assertThat(health.isLost()).isFalse();
  }

  @Test
  void twoFailedPingsInARowDeclareTheBackendLostOnceAndPingsBackOffUntilItAnswers() {
    otherwise = "fail";

    health.failed(new RuntimeException("timeout"));
    timers.advanceMillis(10_000);

    assertThat(transitions).containsExactly("lost: connection refused at 50");
    assertThat(health.isLost()).isTrue();
    // 0 and 50 decide; then 1 s, 2 s, 4 s, 4 s apart (doubling from backend_check_ms up to the ceiling)
    assertThat(pingsAt).containsExactly(0L, 50L, 1050L, 3050L, 7050L);

    otherwise = "ok";
    timers.advanceMillis(1_050);

    assertThat(transitions).containsExactly("lost: connection refused at 50", "restored at 11050");
    assertThat(health.isLost()).isFalse();
    assertThat(health.snapshot().lastTransition().previousLasted()).isEqualTo(Duration.ofMillis(11_000));
  }

  @Test
  void aPingThatNeverAnswersCountsAsFailedAfterTheCheckIntervalPlusOneSecond() {
    script.add("hang");
    script.add("hang");

    health.failed(new RuntimeException("timeout"));
    timers.advanceMillis(2_049);
    assertThat(pingsAt).containsExactly(0L);
    timers.advanceMillis(1);
    assertThat(pingsAt).as("re-checked 50 ms after the first ping timed out").containsExactly(0L, 2050L);
    timers.advanceMillis(1_999);
    assertThat(transitions).isEmpty();
    timers.advanceMillis(1);

    assertThat(transitions).containsExactly("lost: no answer within 2000 ms at 4050");
  }

  @Test
  void failuresDuringACheckOrWhileLostStartNoExtraPings() {
    script.add("hang");
    health.failed(new RuntimeException("first"));
    health.failed(new RuntimeException("second, while the first ping is out"));
    assertThat(pingsAt).containsExactly(0L);

    otherwise = "fail";
    timers.advanceMillis(2_000 + 50);
    assertThat(health.isLost()).isTrue();
    int pings = pingsAt.size();
    health.failed(new RuntimeException("while lost"));

    assertThat(pingsAt).hasSize(pings);
  }

  @Test
  void pingsWhileLostBackOffExponentiallyUpToTheCeiling() {
    Duration base = Duration.ofMillis(10);
    Duration max = Duration.ofMillis(40);

    assertThat(List.of(0, 1, 2, 3, 50).stream().map(n -> BackendHealth.backoffMillis(base, max, n)))
        .containsExactly(10L, 20L, 40L, 40L, 40L);
  }
}
