package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.util.List;

/**
 * Recovery cannot heal a component: its plan is exhausted, its budget spent, or it asks for a person
 * ({@code manual}) — or, with {@code open} false, the component answers again after such an escalation. Published by
 * the leader's recovery verticle, cluster-wide; the alarm engine turns it into the {@code recovery.exhausted} series
 * (built-in rule {@code recovery-exhausted}, critical: "manual intervention required").
 *
 * @param attempts        the attempt ids of the run that gave up (empty when the budget refused a run)
 * @param reason          {@code exhausted}, {@code manual} or {@code budget}
 * @param suggestedAction the component's suggested action for a person
 */
public record RecoveryEscalated(Stamp stamp, String component, String runId, List<String> attempts, String reason,
                                String suggestedAction, boolean open) implements Fact {
  public RecoveryEscalated {
    attempts = List.copyOf(attempts);
  }

  @Override
  public Event view() {
    String message = open
        ? "manual intervention required for " + component + " (" + reason + ")"
            + (attempts.isEmpty() ? "" : "; attempts " + String.join(", ", attempts))
            + (suggestedAction == null ? "" : "; suggested: " + suggestedAction)
        : component + " answers again after recovery gave up";
    return FactView.of(this, open ? "recovery.escalated" : "recovery.escalation.cleared",
        open ? Severity.CRITICAL : Severity.INFO, "component:" + component, message,
        "component", component, "run_id", runId, "attempts", attempts, "reason", reason,
        "suggested_action", suggestedAction, "open", open);
  }
}
