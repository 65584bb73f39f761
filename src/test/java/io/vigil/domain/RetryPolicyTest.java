package io.vigil.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final RetryPolicy noJitter = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Jitter.NONE);

  @Test
  void backoffGrowsExponentiallyFromTheBase() {
    assertThat(noJitter.backoff(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(noJitter.backoff(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(noJitter.backoff(4, () -> 0.5)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void backoffIsCappedAtTheMaximum() {
    assertThat(noJitter.backoff(10, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(noJitter.backoff(500, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fullJitterDrawsUniformlyBetweenZeroAndTheBackoff() {
    RetryPolicy full = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Jitter.FULL);

    assertThat(full.backoff(3, () -> 0.0)).isEqualTo(Duration.ZERO);
    assertThat(full.backoff(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(full.backoff(3, () -> 0.999)).isEqualTo(Duration.ofMillis(3996));
  }

  @Test
  void equalJitterKeepsHalfTheBackoffAsAFloor() {
    RetryPolicy equal = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Jitter.EQUAL);

    assertThat(equal.backoff(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(equal.backoff(3, () -> 0.999)).isEqualTo(Duration.ofMillis(3998));
  }

  @Test
  void aRetryableFailureWithAttemptsLeftIsRetriedAfterTheBackoff() {
    RetryPolicy.Decision decision = noJitter.decide(2, 5, FailureKind.RETRYABLE, NOW, () -> 0.5);

    assertThat(decision).isEqualTo(new RetryPolicy.Decision.Retry(NOW.plusSeconds(2), Duration.ofSeconds(2)));
  }

  @Test
  void aPermanentFailureIsDeadLetteredAtOnce() {
    assertThat(noJitter.decide(1, 5, FailureKind.PERMANENT, NOW, () -> 0.5))
        .isInstanceOf(RetryPolicy.Decision.DeadLetter.class);
  }

  @Test
  void theLastAttemptIsDeadLettered() {
    RetryPolicy.Decision decision = noJitter.decide(5, 5, FailureKind.RETRYABLE, NOW, () -> 0.5);

    assertThat(decision).isEqualTo(new RetryPolicy.Decision.DeadLetter("attempts exhausted (5/5)"));
  }

  @Test
  void aFactorBelowOneIsRejected() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(3), Jitter.FULL))
        .hasMessageContaining("factor");
  }
}
