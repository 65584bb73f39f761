package io.vigil.domain;

import java.time.Instant;

/**
 * An answer given while the circuit breaker of a task type's target refused calls: not the target's own answer now.
 *
 * @param strategy {@code fallback-handler} or {@code cache}
 * @param breaker  the breaker that was open, e.g. {@code http:pricing.internal:443}
 * @param resultAt for {@code cache}: when the cached result was the target's answer; null otherwise
 */
public record Degraded(String strategy, String breaker, Instant resultAt) {

  /** The same mark with its time cut to the millisecond (see {@link Millis}). */
  public Degraded truncatedToMillis() {
    return Millis.isWhole(resultAt) ? this : new Degraded(strategy, breaker, Millis.of(resultAt));
  }
}
