package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/**
 * An operator asked every node to re-read its own configuration file ({@code POST /api/config/reload} with the
 * default cluster scope). Each other node answers with its own {@link ConfigReloaded} or {@link ConfigReloadFailed},
 * which are what the audit log keeps.
 *
 * @param node the node the operator asked (it has reloaded already and ignores its own request)
 */
public record ConfigReloadRequested(Stamp stamp, String node, String actor) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "config.reload.requested", Severity.INFO, "config",
        actor + " asked every node to reload its configuration (via node " + node + ")", "node", node);
  }
}
