package io.vigil.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
  @Test
  void delaysDoubleUpToTheCeilingAndStartOverAfterAReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 1.0);

    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));

    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void jitterKeepsAtLeastHalfOfEachDelay() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> 0.0);

    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
  }
}
