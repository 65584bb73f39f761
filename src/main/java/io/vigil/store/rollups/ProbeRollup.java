package io.vigil.store.rollups;

import io.vigil.domain.health.HealthStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One component's checks in one minute: how many, how many failed, the worst status seen, and the latencies (max,
 * sum for the mean, and a histogram for p50/p95). Roll-ups of the same minute merge: counts add, the maximum and the
 * worst status win. A probe writes a minute as often as it likes (each time the checks since its last write).
 *
 * @param minute the minute's start (UTC); any instant is truncated to it
 */
public record ProbeRollup(String component, Instant minute, long checks, long failures, HealthStatus worst,
                          double latencyMaxMs, double latencySumMs, LatencyHistogram latencies) {

  public ProbeRollup {
    Objects.requireNonNull(component, "component");
    minute = Objects.requireNonNull(minute, "minute").truncatedTo(ChronoUnit.MINUTES);
    Objects.requireNonNull(worst, "worst");
    Objects.requireNonNull(latencies, "latencies");
    if (checks < 0 || failures < 0 || failures > checks) {
      throw new IllegalArgumentException("need 0 <= failures <= checks, got " + failures + "/" + checks);
    }
    if (latencyMaxMs < 0 || latencySumMs < 0) throw new IllegalArgumentException("latencies must be >= 0");
  }

  /** One check at {@code at}; {@code latencyMs} null when it has none (it could not run). */
  public static ProbeRollup check(String component, Instant at, boolean failed, HealthStatus status, Double latencyMs) {
    return latencyMs == null
        ? new ProbeRollup(component, at, 1, failed ? 1 : 0, status, 0, 0, LatencyHistogram.EMPTY)
        : new ProbeRollup(component, at, 1, failed ? 1 : 0, status, latencyMs, latencyMs,
            LatencyHistogram.single(latencyMs));
  }

  /** This minute and another roll-up of the same component and minute, as one. */
  public ProbeRollup merge(ProbeRollup other) {
    if (!component.equals(other.component) || !minute.equals(other.minute)) {
      throw new IllegalArgumentException("only roll-ups of one component and minute merge");
    }
    return new ProbeRollup(component, minute, checks + other.checks, failures + other.failures,
        worst.worse(other.worst), Math.max(latencyMaxMs, other.latencyMaxMs), latencySumMs + other.latencySumMs,
        latencies.plus(other.latencies));
  }

  public Double p50Ms() {
    return latencies.percentile(0.50, latencyMaxMs);
  }

  public Double p95Ms() {
    return latencies.percentile(0.95, latencyMaxMs);
  }

  /** Null without latency samples. */
  public Double meanMs() {
    long samples = latencies.samples();
    return samples == 0 ? null : latencySumMs / samples;
  }
}
