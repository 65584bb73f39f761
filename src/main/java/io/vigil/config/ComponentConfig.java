package io.vigil.config;

import java.util.List;

/**
 * One thing Vigil watches: its identity, where it sits among the others, what it means when it fails, and how it
 * is checked. Values only: issue 15's probe verticle runs the probe. Read by {@link ComponentsReader}.
 *
 * @param id              the key under {@code components:}; stable, used in paths, APIs and alarms
 * @param dependsOn       ids of parent components: while a parent is UNHEALTHY its children's alarms are suppressed
 * @param critical        gates readiness and "can accept work"
 * @param autoRecoverable whether recovery may act on it without a person
 * @param enabled         false when switched off, or when it probes Vigil's own Redis or PostgreSQL and Vigil runs
 *                        without one
 * @param breaker         its checks go through the circuit breaker {@code probe:<id>} ({@code breaker: true}): while
 *                        open the target is not probed and the check counts as failed
 */
public record ComponentConfig(String id, String name, ComponentKind kind, List<String> dependsOn, boolean critical,
                              boolean autoRecoverable, boolean enabled, ComponentKind.SuggestedActions suggestedAction,
                              ProbeSpec probe, boolean breaker) {

  public ComponentConfig(String id, String name, ComponentKind kind, List<String> dependsOn, boolean critical,
                         boolean autoRecoverable, boolean enabled, ComponentKind.SuggestedActions suggestedAction,
                         ProbeSpec probe) {
    this(id, name, kind, dependsOn, critical, autoRecoverable, enabled, suggestedAction, probe, false);
  }
}
