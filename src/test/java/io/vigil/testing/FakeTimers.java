package io.vigil.testing;

import io.vigil.domain.Timers;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * {@link Timers} on a hand-moved {@link MutableClock}: nothing runs until the test says so. {@link #advance} moves
 * time and runs what fell due, in order, each at its own time; {@link #runDue} runs what is due now, deferred actions
 * included, without moving the clock.
 */
public final class FakeTimers implements Timers {
  private record Due(Instant at, long id, Runnable action) {}

  private final MutableClock clock;
  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::id));
  private long ids;

  public FakeTimers(MutableClock clock) {
    this.clock = clock;
  }

  public MutableClock clock() {
    return clock;
  }

  @Override
  public synchronized long schedule(long delayMs, Runnable action) {
    long id = ids++;
    queue.add(new Due(clock.instant().plusMillis(Math.max(0, delayMs)), id, action));
    return id;
  }

  @Override
  public synchronized void cancel(long id) {
    queue.removeIf(d -> d.id() == id);
  }

  @Override
  public synchronized void defer(Runnable action) {
    queue.add(new Due(clock.instant(), ids++, action));
  }

  /** Moves the clock by {@code by}, running every timer that falls due on the way at its own time. */
  public void advance(Duration by) {
    Instant end = clock.instant().plus(by);
    while (true) {
      Due next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at().isAfter(end)) break;
        queue.poll();
      }
      if (next.at().isAfter(clock.instant())) clock.set(next.at());
      next.action().run();
    }
    clock.set(end);
  }

  public void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  /** Runs what is due now (deferred actions, and what they defer in turn) without moving the clock. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Timers and deferred actions not run yet. */
  public synchronized int pending() {
    return queue.size();
  }

  /** When the next timer falls due, or null when none is pending. */
  public synchronized Instant nextDue() {
    Due next = queue.peek();
    return next == null ? null : next.at();
  }
}
