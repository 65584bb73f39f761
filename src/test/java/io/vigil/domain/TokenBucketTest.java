package io.vigil.domain;

import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

  @Test
  void aFullBucketGrantsUpToItsBurstAtOnce() {
    TokenBucket bucket = new TokenBucket(10, 10, clock);

    assertThat(bucket.take(25)).isEqualTo(10);
    assertThat(bucket.take(1)).isZero();
  }

  @Test
  void tokensAccrueAtTheRate() {
    TokenBucket bucket = new TokenBucket(10, 10, clock);
    bucket.take(10);

    clock.advanceMillis(350);

    assertThat(bucket.take(10)).isEqualTo(3);
  }

  @Test
  void tokensNeverExceedTheBurst() {
    TokenBucket bucket = new TokenBucket(100, 5, clock);
    clock.advance(Duration.ofMinutes(1));

    assertThat(bucket.take(1000)).isEqualTo(5);
  }

  @Test
  void itSaysHowLongUntilTheNextToken() {
    TokenBucket bucket = new TokenBucket(4, 1, clock);
    bucket.take(1);

    assertThat(bucket.untilNextToken()).isEqualTo(Duration.ofMillis(250));
    clock.advanceMillis(100);
    assertThat(bucket.untilNextToken()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void unusedTokensCanBeGivenBack() {
    TokenBucket bucket = new TokenBucket(1, 5, clock);
    bucket.take(5);
    bucket.giveBack(2);

    assertThat(bucket.take(5)).isEqualTo(2);
  }
}
