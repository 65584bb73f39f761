package io.vigil.domain.health;

import java.time.Duration;
import java.time.Instant;

/**
 * A component's status changed. {@code at} is when (and when {@code current} began); {@code previousSince} when the
 * previous status began; the counts are the streaks at the moment of change; {@code lastError} is the last failed
 * outcome's error (null when none was seen); {@code outcome} is what tipped it.
 */
public record HealthTransition(HealthStatus previous, HealthStatus current, Instant at, Instant previousSince,
                               int consecutiveFailures, int consecutiveSuccesses, String lastError,
                               HealthOutcome outcome) {

  /** How long the previous status lasted. */
  public Duration previousLasted() {
    return Duration.between(previousSince, at);
  }
}
