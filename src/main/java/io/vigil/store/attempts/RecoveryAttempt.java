package io.vigil.store.attempts;

import io.vigil.domain.Millis;
import io.vigil.store.Ids;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recovery action run against one component. Saved when it starts (running) and again when it ends, so an
 * attempt cut short by a leader change is visible as still running. Times are kept to the millisecond.
 *
 * @param runId      the plan run it belongs to (attempts of one run share it; the time to recover is measured from
 *                   the run's first attempt); null = a run of its own
 * @param trigger    what started the run: {@code unhealthy}, {@code alarm}, {@code manual}
 * @param actor      a token name for manual runs, {@code system} otherwise
 * @param durationMs null while running
 * @param details    small JSON-able map (alarm id, verification result...)
 */
public record RecoveryAttempt(String id, String runId, String component, String action, String trigger, String actor,
                              Instant startedAt, Long durationMs, AttemptOutcome outcome, String error,
                              Map<String, Object> details) {

  public RecoveryAttempt {
    id = Ids.checked(id);
    runId = runId == null ? null : Ids.checked(runId);
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(trigger, "trigger");
    actor = actor == null ? "system" : actor;
    startedAt = Millis.of(Objects.requireNonNull(startedAt, "startedAt"));
    Objects.requireNonNull(outcome, "outcome");
    if (durationMs != null && durationMs < 0) throw new IllegalArgumentException("durationMs must be >= 0");
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public static RecoveryAttempt started(String id, String runId, String component, String action, String trigger,
                                        String actor, Instant at) {
    return new RecoveryAttempt(id, runId, component, action, trigger, actor, at, null, AttemptOutcome.RUNNING, null,
        Map.of());
  }

  /** The same attempt, ended at {@code at}. */
  public RecoveryAttempt finished(Instant at, boolean success, String error) {
    return new RecoveryAttempt(id, runId, component, action, trigger, actor, startedAt,
        Math.max(0, at.toEpochMilli() - startedAt.toEpochMilli()),
        success ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED, success ? null : error, details);
  }

  /** Null while running. */
  public Boolean success() {
    return outcome == AttemptOutcome.RUNNING ? null : outcome == AttemptOutcome.SUCCEEDED;
  }
}
