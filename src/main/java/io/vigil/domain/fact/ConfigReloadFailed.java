package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.util.List;

/**
 * A node refused a configuration (a changed file or a reload request) and keeps running the one it had.
 *
 * @param trigger  as in {@link ConfigReloaded}
 * @param problems every reason, one {@code key.path: message} line each
 */
public record ConfigReloadFailed(Stamp stamp, String node, String trigger, String actor, List<String> problems)
    implements Fact {

  public ConfigReloadFailed {
    problems = List.copyOf(problems);
  }

  @Override
  public Event view() {
    return FactView.of(this, "config.reload.failed", Severity.WARNING, "config",
        "configuration reload (" + trigger + ") refused: " + problems.size() + " problem(s)",
        "node", node, "trigger", trigger, "problems", problems);
  }
}
