package io.vigil.domain.recovery;

import java.time.Duration;
import java.util.Objects;

/**
 * One action of a plan as the run sees it: its name, how often it is tried, the wait between two tries and how
 * long one try may take (the action's own parameters stay with the recovery capability).
 */
public record PlanStep(String action, int maxAttempts, Duration backoff, Duration timeout) {
  public PlanStep {
    Objects.requireNonNull(action, "action");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
    if (backoff.isNegative()) throw new IllegalArgumentException("backoff must be >= 0");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
  }
}
