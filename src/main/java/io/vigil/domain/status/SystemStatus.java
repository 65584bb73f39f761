package io.vigil.domain.status;

import io.vigil.domain.health.HealthStatus;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "can we publish right now?", for people and machines.
 *
 * @param status          the worst critical component's status (HEALTHY without critical components)
 * @param canAcceptWork   Vigil takes new work: not stopped or refusing, and no critical component down
 * @param canPublish      work sent now goes through soon: it can accept work and processing is not paused
 * @param message         one plain sentence built from these facts
 * @param since           when the situation the message describes began; null when it has no start
 * @param componentsDown  ids of every UNHEALTHY component, critical or not
 * @param suggestedActions what to do, for every component that is not healthy
 */
public record SystemStatus(HealthStatus status, boolean canAcceptWork, boolean canPublish, String message,
                           Instant since, List<String> componentsDown, List<Action> suggestedActions) {

  public record Action(String component, String name, HealthStatus status, String action) {}
}
