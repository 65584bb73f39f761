package io.vigil.schedule;

import io.vigil.domain.schedule.CatchUp;
import io.vigil.domain.schedule.Overlap;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.ScheduleState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A schedule's time logic, on a {@link Clock}: its next due times, what is due now, and whether to enqueue it
 * (overlap, catch-up). No I/O: the scheduler asks whether the previous run still waits or runs and hands the answer
 * in.
 */
public final class Planner {
  /**
   * A due time noticed later than this after it fell due was missed (no node ran the schedule then): it is enqueued
   * only with {@code catch_up: one}. The scheduler looks at least once a second, so a due time it was running for is
   * never this late.
   */
  public static final Duration ON_TIME = Duration.ofSeconds(5);

  /** Why a due time was not enqueued. */
  public enum Skip { OVERLAP, MISSED }

  /**
   * What to do now.
   *
   * @param enqueue the due time to enqueue, or null
   * @param skipped why the due time was skipped, or null
   * @param due     the due time decided on, or null when nothing is due
   */
  public record Decision(Instant due, Instant enqueue, Skip skipped) {
    static final Decision NOTHING = new Decision(null, null, null);

    public boolean nothingDue() {
      return due == null;
    }

    /** The state once the decision is carried out ({@code taskId}: the task the enqueue placed). */
    public ScheduleState after(ScheduleState state, String taskId) {
      if (due == null) return state;
      if (enqueue != null) return new ScheduleState(state.id(), due, due, taskId, state.skipped());
      return new ScheduleState(state.id(), due, state.lastDue(), state.lastTaskId(), state.skipped() + 1);
    }
  }

  private final Clock clock;
  private final Map<ScheduleSpec, Recurrence> recurrences = new ConcurrentHashMap<>();

  public Planner(Clock clock) {
    this.clock = clock;
  }

  /** The first due time strictly after {@code after}, within the schedule's start and end. */
  public Optional<Instant> nextAfter(ScheduleSpec spec, Instant after) {
    Instant from = spec.start() != null && after.isBefore(spec.start()) ? spec.start().minusMillis(1) : after;
    return recurrence(spec).nextAfter(from).filter(due -> spec.end() == null || !due.isAfter(spec.end()));
  }

  /** Up to {@code count} due times strictly after {@code after}. */
  public List<Instant> upcoming(ScheduleSpec spec, Instant after, int count) {
    List<Instant> out = new ArrayList<>(count);
    Instant at = after;
    while (out.size() < count) {
      Optional<Instant> next = nextAfter(spec, at);
      if (next.isEmpty()) break;
      out.add(next.get());
      at = next.get();
    }
    return out;
  }

  /** The latest due time at or before now that is not handled yet ({@code > state.cursor}), if any. */
  public Optional<Instant> pending(ScheduleSpec spec, ScheduleState state) {
    Instant now = clock.instant();
    Instant bound = spec.end() != null && spec.end().isBefore(now) ? spec.end() : now;
    return recurrence(spec).latestAtOrBefore(bound)
        .filter(due -> spec.start() == null || !due.isBefore(spec.start()))
        .filter(due -> due.isAfter(state.cursor()));
  }

  /**
   * Decides on the pending due time: skipped when it was missed and {@code catch_up: none}, or when the previous run
   * still waits or runs and {@code overlap: skip}; enqueued otherwise. Older missed due times are never enqueued:
   * at most one run per decision.
   *
   * @param previousRunning whether the task of the schedule's last run is still waiting or active
   */
  public Decision decide(ScheduleSpec spec, ScheduleState state, boolean previousRunning) {
    Optional<Instant> pending = pending(spec, state);
    if (pending.isEmpty()) return Decision.NOTHING;
    Instant due = pending.get();
    boolean missed = Duration.between(due, clock.instant()).compareTo(ON_TIME) > 0;
    if (missed && spec.catchUp() == CatchUp.NONE) return new Decision(due, null, Skip.MISSED);
    if (previousRunning && spec.overlap() == Overlap.SKIP) return new Decision(due, null, Skip.OVERLAP);
    return new Decision(due, due, null);
  }

  /** The next time worth looking: the next due time after the cursor (or now), if any. */
  public Optional<Instant> wakeUp(ScheduleSpec spec, ScheduleState state) {
    Instant now = clock.instant();
    return nextAfter(spec, state.cursor().isAfter(now) ? state.cursor() : now);
  }

  private Recurrence recurrence(ScheduleSpec spec) {
    if (recurrences.size() > 10_000) recurrences.clear();
    return recurrences.computeIfAbsent(spec, s -> Recurrence.of(s.timing(), s.start()));
  }
}
