package io.vigil.store;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with equal jitter: each delay doubles up to {@code max}; half of it is fixed and half random,
 * so nodes that lost PostgreSQL together do not knock on its door together.
 */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private long currentMs;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialMs = Math.max(1, initial.toMillis());
    this.maxMs = Math.max(initialMs, max.toMillis());
    this.random = random;
    this.currentMs = initialMs;
  }

  /** The next delay; the one after it is twice as long (up to max). */
  Duration next() {
    long ceiling = currentMs;
    currentMs = Math.min(maxMs, currentMs * 2);
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
  }

  /** The longest the next delay can be. */
  Duration ceiling() {
    return Duration.ofMillis(currentMs);
  }

  void reset() {
    currentMs = initialMs;
  }
}
