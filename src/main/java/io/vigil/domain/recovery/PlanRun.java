package io.vigil.domain.recovery;

import java.time.Duration;
import java.util.List;

/**
 * One run of a plan: which action and which attempt of it is current, and where the run is ({@link RunState}). Pure:
 * the caller runs the action, probes the component, waits the backoff and reports each through the methods here,
 * which move the state through its table. Not thread-safe (one event loop owns it).
 */
public final class PlanRun {
  private final List<PlanStep> steps;
  private RunState state = RunState.ACTING;
  private int step;
  private int attempt = 1;
  private int attempts = 1;

  public PlanRun(List<PlanStep> steps) {
    if (steps.isEmpty()) throw new IllegalArgumentException("a plan has at least one action");
    this.steps = List.copyOf(steps);
  }

  /**
   * A run another leader began, continued after its attempt {@code attempt} of action {@code step} was cut short: that
   * attempt counts as made and not healed, so the run goes on exactly as {@link #verified(boolean) verified(false)}
   * would have taken it (the same action after its backoff, the next action, or exhausted). Never from the start.
   */
  public static PlanRun resumedAfter(List<PlanStep> steps, int step, int attempt, int attemptsSoFar) {
    PlanRun run = new PlanRun(steps);
    run.step = Math.max(0, Math.min(step, steps.size() - 1));
    run.attempt = Math.max(1, Math.min(attempt, run.step().maxAttempts()));
    run.attempts = Math.max(1, attemptsSoFar);
    run.acted();
    run.verified(false);
    return run;
  }

  /** The index of the current action in the plan. */
  public int stepIndex() {
    return step;
  }

  public RunState state() {
    return state;
  }

  public PlanStep step() {
    return steps.get(step);
  }

  /** The attempt of the current action, from 1. */
  public int attempt() {
    return attempt;
  }

  /** Attempts made in this run, over every action. */
  public int attempts() {
    return attempts;
  }

  /** The current attempt's action ended; the component is probed next. */
  public void acted() {
    move(RunTrigger.ACTED);
  }

  /**
   * What the re-probe said. Healed ends the run; otherwise the same action again after its backoff while it has
   * attempts left, then the next action, then nothing: exhausted.
   */
  public RunState verified(boolean healed) {
    if (healed) return move(RunTrigger.HEALED);
    if (attempt < step().maxAttempts()) return move(RunTrigger.RETRY);
    if (step + 1 < steps.size()) {
      move(RunTrigger.NEXT_ACTION);
      step++;
      attempt = 1;
      attempts++;
      return state;
    }
    return move(RunTrigger.EXHAUSTED);
  }

  /** How long to wait before the next attempt (while backing off). */
  public Duration backoff() {
    return step().backoff();
  }

  public void backoffOver() {
    move(RunTrigger.BACKOFF_OVER);
    attempt++;
    attempts++;
  }

  /** Gives up at once: the action asks for a person ({@code manual}). */
  public void escalate() {
    move(RunTrigger.EXHAUSTED);
  }

  /** Stops unfinished (system stopped, plan removed, leadership lost); a finished run stays as it is. */
  public void abort() {
    if (!state.isFinal()) move(RunTrigger.ABORT);
  }

  private RunState move(RunTrigger trigger) {
    state = state.next(trigger);
    return state;
  }
}
