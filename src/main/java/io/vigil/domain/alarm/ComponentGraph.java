package io.vigil.domain.alarm;

import io.vigil.domain.health.HealthStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest status and {@code depends_on} of each component, for dependency suppression: an alarm labelled
 * {@code component=C} is suppressed while a direct parent of C is UNHEALTHY. Only direct parents count: a child
 * failing while its parent is healthy has a problem of its own, whatever the grandparent does.
 */
final class ComponentGraph {
  private final Map<String, ComponentFact> facts = new HashMap<>();

  void update(ComponentFact fact) {
    facts.put(fact.component(), fact);
  }

  /**
   * The unhealthy parents of {@code component} (empty: not suppressed), or nothing when the engine cannot tell yet
   * — the component or one of its parents has not been reported since start — so a restored flag is kept.
   */
  Optional<List<String>> unhealthyParents(String component) {
    if (component.isEmpty()) return Optional.of(List.of());
    ComponentFact fact = facts.get(component);
    if (fact == null) return Optional.empty();
    List<String> down = new ArrayList<>();
    for (String parent : fact.dependsOn()) {
      ComponentFact p = facts.get(parent);
      if (p == null) return Optional.empty();
      if (p.status() == HealthStatus.UNHEALTHY) down.add(parent);
    }
    return Optional.of(down);
  }
}
