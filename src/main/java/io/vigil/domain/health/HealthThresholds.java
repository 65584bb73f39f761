package io.vigil.domain.health;

/**
 * Hysteresis for a {@link HealthTracker}: how many outcomes in a row it takes to go down ({@code failures}: to
 * UNHEALTHY, DEGRADED or UNKNOWN) and to come back ({@code successes}: to HEALTHY, or from UNHEALTHY to DEGRADED).
 */
public record HealthThresholds(int failures, int successes) {
  /** Every outcome decides at once: no hysteresis. */
  public static final HealthThresholds IMMEDIATE = new HealthThresholds(1, 1);

  public HealthThresholds {
    if (failures < 1) throw new IllegalArgumentException("failures must be >= 1, was " + failures);
    if (successes < 1) throw new IllegalArgumentException("successes must be >= 1, was " + successes);
  }
}
