package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.health.HealthStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A watched component's status changed (the probe's {@code HealthTracker} moved it, with its hysteresis).
 *
 * @param componentKind   the component's kind ({@code database}, {@code queue}...)
 * @param critical        it gates readiness and whether work is accepted
 * @param previousSince   when the previous status began
 * @param error           the failure that took it down (null when it recovered)
 * @param suggestedAction what a person should do in the new status (null when healthy)
 * @param dependsOn       its parents: alarms suppress a child's while a parent is down
 */
public record ComponentStatusChanged(Stamp stamp, String component, String name, String componentKind, boolean critical,
                                     HealthStatus status, HealthStatus previous, Instant previousSince, String error,
                                     int consecutiveFailures, int consecutiveSuccesses, String suggestedAction,
                                     List<String> dependsOn, boolean autoRecoverable) implements Fact {

  public ComponentStatusChanged {
    dependsOn = List.copyOf(dependsOn);
  }

  public Severity severity() {
    return switch (status) {
      case HEALTHY -> Severity.INFO;
      case UNHEALTHY -> critical ? Severity.CRITICAL : Severity.WARNING;
      case DEGRADED, UNKNOWN -> Severity.WARNING;
    };
  }

  @Override
  public Event view() {
    return FactView.of(this, "component.status.changed", severity(), "component:" + component,
        name + " is " + status.wireName().toUpperCase(Locale.ROOT) + " (was " + previous.wireName() + ")"
            + (error == null ? "" : ": " + error),
        "component", component, "name", name, "kind", componentKind, "critical", critical, "status", status.wireName(),
        "previous", previous.wireName(), "previous_since", previousSince,
        "error", error, "consecutive_failures", consecutiveFailures, "consecutive_successes", consecutiveSuccesses,
        "suggested_action", suggestedAction, "depends_on", dependsOn, "auto_recoverable", autoRecoverable);
  }
}
