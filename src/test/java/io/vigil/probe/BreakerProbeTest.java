package io.vigil.probe;

import io.vertx.core.Future;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.kit.Breaker;
import io.vigil.kit.Breakers;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class BreakerProbeTest {
  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  final Breakers breakers = new Breakers(clock, new FakeTimers(clock), new BreakerPolicy(BreakerPolicy.Window.COUNT,
      3, 3, 50, Duration.ZERO, 100, Duration.ofSeconds(30), 1, Duration.ZERO));
  final Breaker breaker = breakers.breaker("probe:db");
  final AtomicInteger checks = new AtomicInteger();
  final AtomicReference<Reading> next = new AtomicReference<>(Reading.failed("connection refused"));
  final BreakerProbe probe = new BreakerProbe(() -> {
    checks.incrementAndGet();
    return Future.succeededFuture(next.get());
  }, breaker);

  @Test
  void failedReadingsOpenTheBreakerThenTheTargetIsNotCheckedAndTheReadingIsFailedUntilATrialPasses() {
    for (int i = 0; i < 3; i++) {
      assertThat(probe.check().result().outcome()).isInstanceOf(HealthOutcome.Failed.class);
    }
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);

    Reading refused = probe.check().result();
    assertThat(checks).as("not probed while open").hasValue(3);
    assertThat(((HealthOutcome.Failed) refused.outcome()).error()).contains("circuit breaker probe:db is open");

    next.set(Reading.ok(java.util.Map.of()));
    clock.advance(Duration.ofSeconds(30));
    assertThat(probe.check().result().outcome()).isInstanceOf(HealthOutcome.Ok.class);
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void aDegradedOrUnknownReadingCountsAsAnAnswer() {
    next.set(Reading.unknown("no such path"));
    for (int i = 0; i < 5; i++) probe.check();
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
  }
}
