package io.vigil.store;

import io.vigil.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Timers on a hand-moved clock: {@link #advance} moves time and runs what fell due, in order. */
public final class FakeTimers implements Timers {
  private record Due(Instant at, long id, Runnable action) {}

  private final MutableClock clock;
  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::id));
  private long ids;

  public FakeTimers(MutableClock clock) {
    this.clock = clock;
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

  /** Runs what is due now without moving the clock. */
  public void runDue() {
    advance(Duration.ZERO);
  }
}
