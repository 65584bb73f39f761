package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.time.Instant;
import java.util.Optional;

/**
 * A node gained or lost the lead; published by that node itself.
 *
 * @param node     the node whose role changed (the publisher)
 * @param leads    whether it leads now
 * @param leader   who leads now as far as {@code node} knows, or null
 * @param since    since when {@code leader} leads, or null
 * @param previous who led before, or null
 */
public record LeaderChanged(Stamp stamp, String node, boolean leads, String leader, Instant since, String previous,
                            String reason) implements Fact {

  /** Whether {@code self} leads after this fact, or empty when it is another node's news (never acted on). */
  public Optional<Boolean> roleOf(String self) {
    return self.equals(node) ? Optional.of(leads) : Optional.empty();
  }

  @Override
  public Event view() {
    String message = leads
        ? "node " + node + " leads" + (previous == null ? "" : " (was " + previous + ")") + ": " + reason
        : "node " + node + " no longer leads: " + reason;
    return FactView.of(this, "cluster.leader.changed", leads ? Severity.INFO : Severity.WARNING, "cluster", message,
        "node", node, "leads", leads, "leader", leader, "since", since,
        "previous", previous, "reason", reason);
  }
}
