package io.vigil.domain.status;

import io.vigil.domain.health.HealthStatus;

import java.time.Instant;

/**
 * What the status line needs to know of one component.
 *
 * @param since           when its current status began
 * @param suggestedAction what a person should do in its current status; null when healthy
 */
public record ComponentHealth(String id, String name, boolean critical, HealthStatus status, Instant since,
                              String lastError, String suggestedAction) {}
