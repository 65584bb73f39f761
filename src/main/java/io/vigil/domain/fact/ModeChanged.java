package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.SystemMode;

/**
 * The mode in force changed: by an operator (published to every node, which all apply {@code configured}) or by a
 * node's automatic fallback (that node only).
 *
 * @param mode           the mode now in force on {@code node}
 * @param configured     the mode an operator chose, which every node follows
 * @param rejectsNewWork the fallback refuses new work ({@code system.fallback: reject})
 * @param node           the node that made the change
 */
public record ModeChanged(Stamp stamp, SystemMode mode, SystemMode previous, SystemMode configured,
                          boolean fallbackActive, boolean rejectsNewWork, String actor, String reason, String node)
    implements Fact {

  @Override
  public Event view() {
    Severity severity = mode == SystemMode.STOPPED || rejectsNewWork ? Severity.CRITICAL
        : mode == SystemMode.ASYNC_QUEUE ? Severity.INFO : Severity.WARNING;
    String what = rejectsNewWork ? "new work is refused" : "mode " + mode.wireName();
    return FactView.of(this, "system.mode.changed", severity, "system",
        what + " (was " + previous.wireName() + ") by " + actor + ": " + reason,
        "mode", mode.wireName(), "previous", previous.wireName(), "configured", configured.wireName(),
        "fallback_active", fallbackActive, "reason", reason, "node", node);
  }
}
