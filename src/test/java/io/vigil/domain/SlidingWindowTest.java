package io.vigil.domain;

import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final SlidingWindow window = new SlidingWindow(60, clock);

  @Test
  void countsWhatHappenedInsideTheWindow() {
    window.recordSuccesses(3);
    clock.advance(Duration.ofSeconds(30));
    window.recordSuccesses(2);
    window.recordFailures(5);

    assertThat(window.successes()).isEqualTo(5);
    assertThat(window.failures()).isEqualTo(5);
    assertThat(window.errorRate()).isEqualTo(0.5);
  }

  @Test
  void forgetsWhatFellOutOfTheWindow() {
    window.recordSuccesses(3);
    clock.advance(Duration.ofSeconds(45));
    window.recordFailures(1);
    clock.advance(Duration.ofSeconds(20));

    assertThat(window.successes()).isZero();
    assertThat(window.failures()).isEqualTo(1);
    assertThat(window.errorRate()).isEqualTo(1.0);
  }

  @Test
  void aBucketReusedAfterAFullLapStartsFromZero() {
    window.recordSuccesses(7);
    clock.advance(Duration.ofSeconds(60));
    window.recordSuccesses(1);

    assertThat(window.successes()).isEqualTo(1);
  }

  @Test
  void theErrorRateOfNothingIsZero() {
    assertThat(window.errorRate()).isZero();
  }
}
