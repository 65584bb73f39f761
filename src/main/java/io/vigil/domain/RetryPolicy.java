package io.vigil.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th failed attempt waits {@code min(max, base * factor^(n-1))},
 * randomised by {@link Jitter}. Permanent failures and exhausted attempts go to the dead-letter queue.
 */
public record RetryPolicy(Duration base, double factor, Duration max, Jitter jitter) {

  public RetryPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(jitter, "jitter");
    if (base.isNegative()) throw new IllegalArgumentException("base must be >= 0");
    if (factor < 1.0) throw new IllegalArgumentException("factor must be >= 1");
    if (max.compareTo(base) < 0) throw new IllegalArgumentException("max must be >= base");
  }

  /** What to do after a failed attempt. */
  public sealed interface Decision {
    record Retry(Instant at, Duration backoff) implements Decision {}
    record DeadLetter(String reason) implements Decision {}
  }

  /**
   * @param attempt the attempt that just failed, from 1
   * @param random  uniform in [0, 1)
   */
  public Duration backoff(int attempt, DoubleSupplier random) {
    if (attempt < 1) throw new IllegalArgumentException("attempt must be >= 1");
    double exponential = base.toMillis() * Math.pow(factor, attempt - 1);
    long capped = (long) Math.min(max.toMillis(), exponential);
    long millis = switch (jitter) {
      case FULL -> (long) (random.getAsDouble() * capped);
      case EQUAL -> capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
      case NONE -> capped;
    };
    return Duration.ofMillis(millis);
  }

  public Decision decide(int attemptsMade, int maxAttempts, FailureKind kind, Instant now, DoubleSupplier random) {
    if (kind == FailureKind.PERMANENT) {
      return new Decision.DeadLetter("permanent failure");
    }
    if (attemptsMade >= maxAttempts) {
      return new Decision.DeadLetter("attempts exhausted (" + attemptsMade + "/" + maxAttempts + ")");
    }
    Duration wait = backoff(attemptsMade, random);
    return new Decision.Retry(now.plus(wait), wait);
  }
}
