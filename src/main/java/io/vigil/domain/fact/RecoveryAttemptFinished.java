package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.time.Instant;

/**
 * One recovery attempt ended: an action ran against a component and the component was probed again. Published by
 * the leader's recovery verticle, cluster-wide; kept in the recovery store under {@code attemptId}.
 *
 * @param runId    the plan run it belongs to (the attempts of one run share it)
 * @param attempt  the attempt of this action within the run, from 1
 * @param trigger  {@code unhealthy}, {@code alarm} or {@code manual}
 * @param success  the action did its part (it ran without error)
 * @param healed   the re-probe found the component answering: the run ends here
 * @param error    why the action failed or the component still fails (null when healed)
 * @param result   what the action did when it ran (e.g. the queue and the count {@code purge-foreign} moved), or null
 */
public record RecoveryAttemptFinished(Stamp stamp, String attemptId, String runId, String component, String action,
                                      int attempt, String trigger, String actor, Instant startedAt, long durationMs,
                                      boolean success, boolean healed, String error,
                                      String result) implements Fact {

  @Override
  public Event view() {
    String outcome = healed ? "healed it" : success ? "ran, but it still fails" : "failed";
    return FactView.of(this, "recovery.attempt.finished", healed ? Severity.INFO : Severity.WARNING,
        "component:" + component, "recovery " + action + " (attempt " + attempt + ") on " + component + " " + outcome
            + (error == null ? "" : ": " + error) + (result == null || error != null ? "" : ": " + result),
        "attempt_id", attemptId, "run_id", runId, "component", component, "action", action, "attempt", attempt,
        "trigger", trigger, "started_at", startedAt, "duration_ms", durationMs, "success", success, "healed", healed,
        "error", error, "result", result);
  }
}
