package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.util.List;

/**
 * A recovery plan run started or ended. Published by the leader's recovery verticle, cluster-wide: the probe
 * verticle marks the component "being recovered" while a run is under way.
 *
 * @param state    {@code running}, then {@code healed}, {@code exhausted} or {@code aborted}
 * @param trigger  {@code unhealthy}, {@code alarm} or {@code manual}
 * @param attempts the ids of the run's attempts so far
 */
public record RecoveryRunChanged(Stamp stamp, String runId, String component, String state, String trigger,
                                 String actor, List<String> attempts) implements Fact {
  public RecoveryRunChanged {
    attempts = List.copyOf(attempts);
  }

  public boolean running() {
    return state.equals("running");
  }

  @Override
  public Event view() {
    return FactView.of(this, running() ? "recovery.run.started" : "recovery.run.ended",
        state.equals("exhausted") ? Severity.WARNING : Severity.INFO, "component:" + component,
        "recovery of " + component + (running() ? " started (" + trigger + ")" : " ended: " + state),
        "run_id", runId, "component", component, "state", state, "trigger", trigger,
        "attempts", attempts.isEmpty() ? null : attempts);
  }
}
