package io.vigil.probe;

import io.vigil.domain.health.HealthStatus;

import java.time.Instant;

/**
 * One component's checks in one minute: how many, how many failed, the worst status, and latency p50 / p95 / max
 * (null without samples). Uptime is (checks − failures) / checks, as Uptime Kuma and Gatus count it: a degraded answer
 * is up; a check that could not run (unknown) is not counted at all.
 */
record MinuteRollup(String component, Instant minute, long checks, long failures, HealthStatus worst, Double p50Ms,
                    Double p95Ms, Double maxMs) {}
