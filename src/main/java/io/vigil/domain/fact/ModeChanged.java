package io.vigil.domain.fact;

import io.vigil.domain.Severity;
import io.vigil.domain.SystemMode;

import java.util.Map;

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
  public String type() {
    return "system.mode.changed";
  }

  @Override
  public Severity severity() {
    return mode == SystemMode.STOPPED || rejectsNewWork ? Severity.CRITICAL
        : mode == SystemMode.ASYNC_QUEUE ? Severity.INFO : Severity.WARNING;
  }

  @Override
  public String component() {
    return "system";
  }

  @Override
  public String message() {
    String what = rejectsNewWork ? "new work is refused" : "mode " + mode.wireName();
    return what + " (was " + previous.wireName() + ") by " + actor + ": " + reason;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("mode", mode.wireName(), "previous", previous.wireName(), "configured", configured.wireName(),
        "fallback_active", fallbackActive, "reason", reason, "node", node);
  }
}
