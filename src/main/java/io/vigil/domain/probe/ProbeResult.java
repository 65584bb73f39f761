package io.vigil.domain.probe;

import io.vigil.domain.health.HealthOutcome;
import io.vigil.domain.health.HealthStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One check of one component: what the probe saw and what the component's status is after it.
 *
 * @param type      the probe type ({@code http}, {@code amqp}...)
 * @param outcome   what this one check showed (a value, never an exception)
 * @param latencyMs how long the check took, in milliseconds
 * @param figures   what the probe measured, JSON-able (status_code, depth, consumers, free_ratio...): alarms read them
 * @param status    the component's status after this check (the tracker's verdict, with hysteresis)
 * @param manual    run by an operator ({@code POST /api/probes/{id}/run}) rather than by the schedule
 */
public record ProbeResult(String component, String type, Instant at, HealthOutcome outcome, double latencyMs,
                          Map<String, Object> figures, HealthStatus status, int consecutiveFailures,
                          int consecutiveSuccesses, boolean manual) {
  public ProbeResult {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(status, "status");
    figures = figures == null ? Map.of() : Map.copyOf(figures);
  }

  /** Whether this check counts as a failure for uptime: it failed (a degraded answer is up, unknown is no evidence). */
  public boolean failed() {
    return outcome instanceof HealthOutcome.Failed;
  }

  /** The failure's error or the degraded/unknown reason; null when the check was ok. */
  public String message() {
    return Outcomes.message(outcome);
  }
}
