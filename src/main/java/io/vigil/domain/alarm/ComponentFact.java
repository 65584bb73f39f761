package io.vigil.domain.alarm;

import io.vigil.domain.health.HealthStatus;

import java.util.List;
import java.util.Objects;

/**
 * A component's current status and the components it depends on (issue 15's {@code depends_on}). The engine keeps
 * the latest fact per component: it is the {@code component.status} sample of that component (labels
 * {@code component}, {@code kind}) and the graph dependency suppression reads.
 */
public record ComponentFact(String component, String kind, List<String> dependsOn, HealthStatus status) {
  public ComponentFact {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(status, "status");
    kind = kind == null ? "" : kind;
    dependsOn = List.copyOf(dependsOn);
  }
}
