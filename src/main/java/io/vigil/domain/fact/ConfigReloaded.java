package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.util.List;

/**
 * A node re-read its configuration and runs it now: the settings applied at once and those that wait for a restart,
 * by key path. Published by that node, heard by every node's audit log and stream.
 *
 * @param node     the node that reloaded
 * @param trigger  {@code file} (the watcher saw a change), {@code api} (an operator asked this node) or
 *                 {@code cluster} (an operator asked another node, which asked every node)
 * @param sections the live sections the applied keys belong to ({@code queues}, {@code task_types}, ...)
 */
public record ConfigReloaded(Stamp stamp, String node, String trigger, String actor, List<String> applied,
                             List<String> restartRequired, List<String> sections) implements Fact {

  public ConfigReloaded {
    applied = List.copyOf(applied);
    restartRequired = List.copyOf(restartRequired);
    sections = List.copyOf(sections);
  }

  @Override
  public Event view() {
    String message = "configuration reloaded (" + trigger + "): " + applied.size() + " setting(s) applied"
        + (restartRequired.isEmpty() ? "" : ", " + restartRequired.size() + " wait for a restart");
    return FactView.of(this, "config.reloaded", restartRequired.isEmpty() ? Severity.INFO : Severity.WARNING,
        "config", message, "applied", applied, "restart_required", restartRequired, "sections", sections,
        "node", node, "trigger", trigger);
  }
}
