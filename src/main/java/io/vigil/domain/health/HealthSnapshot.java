package io.vigil.domain.health;

import java.time.Instant;

/**
 * A tracker's state at one moment: the status and since when, the current streaks, the last error and when it was
 * seen (null when none), and the last transition (null before the first).
 */
public record HealthSnapshot(HealthStatus status, Instant since, int consecutiveFailures, int consecutiveSuccesses,
                             String lastError, Instant lastErrorAt, HealthTransition lastTransition) {}
