package io.vigil.domain.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps recovery of one component from thrashing: one run at a time, at most {@code runs} runs started within any
 * {@code window} (the budget), and no new run for {@code cooldown} after one healed the component. Pure: times are
 * given. Not thread-safe.
 */
public final class PlanGate {
  private int maxRuns;
  private Duration window;
  private Duration cooldown;
  private final Deque<Instant> starts = new ArrayDeque<>();
  private Instant coolUntil;
  private boolean running;

  public PlanGate(int maxRuns, Duration window, Duration cooldown) {
    configure(maxRuns, window, cooldown);
  }

  /** A reload changed the plan's budget or cooldown; what was counted stays counted. */
  public void configure(int maxRuns, Duration window, Duration cooldown) {
    if (maxRuns < 1) throw new IllegalArgumentException("maxRuns must be >= 1");
    this.maxRuns = maxRuns;
    this.window = window;
    this.cooldown = cooldown;
  }

  public Admission admit(Instant now) {
    if (running) return Admission.RUNNING;
    if (coolUntil != null && now.isBefore(coolUntil)) return new Admission(Admission.Verdict.COOLING_DOWN, coolUntil);
    forgetBefore(now.minus(window));
    if (starts.size() >= maxRuns) {
      return new Admission(Admission.Verdict.BUDGET_SPENT, starts.peekFirst().plus(window));
    }
    return Admission.ADMITTED;
  }

  /** A run started at {@code at} (also: a run found in the store on a new leader, so the budget carries over). */
  public void started(Instant at) {
    starts.addLast(at);
    running = true;
  }

  /** A run that started before this gate existed (restored from the store): it counts, but is not running. */
  public void counted(Instant at) {
    starts.addLast(at);
  }

  /** The run ended; {@code healed} starts the cooldown. */
  public void ended(Instant at, boolean healed) {
    running = false;
    if (healed) coolUntil = at.plus(cooldown);
  }

  public boolean running() {
    return running;
  }

  private void forgetBefore(Instant cutoff) {
    while (!starts.isEmpty() && !starts.peekFirst().isAfter(cutoff)) starts.removeFirst();
  }
}
