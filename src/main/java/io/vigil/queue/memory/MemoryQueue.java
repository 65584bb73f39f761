package io.vigil.queue.memory;

import io.vigil.domain.Priority;
import io.vigil.domain.SlidingWindow;
import io.vigil.domain.Task;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.TreeSet;

/** The indexes of one queue in the memory backend. Keys are derived from the task, so removal is exact. */
final class MemoryQueue {

  /** Claim order: higher priority first, then older ready time, then id (time-ordered). */
  record Waiting(int priority, long readyMillis, String id) {
    static final Comparator<Waiting> ORDER = Comparator.comparingInt((Waiting w) -> -w.priority)
        .thenComparingLong(Waiting::readyMillis).thenComparing(Waiting::id);

    static Waiting of(Task task) {
      return new Waiting(task.priority(), task.runAt().toEpochMilli(), task.id());
    }
  }

  /** Something due at a time: a delayed task or a lease deadline. */
  record Due(long atMillis, String id) {
    static final Comparator<Due> ORDER = Comparator.comparingLong(Due::atMillis).thenComparing(Due::id);
  }

  record Finished(String id, long finishedMillis) {}

  final String name;
  final TreeSet<Waiting> waiting = new TreeSet<>(Waiting.ORDER);
  /** Delayed and retrying tasks by due time. */
  final TreeSet<Due> delayed = new TreeSet<>(Due.ORDER);
  final TreeSet<Due> leases = new TreeSet<>(Due.ORDER);
  /** Completed and cancelled tasks in the order they finished, for retention. */
  final ArrayDeque<Finished> finished = new ArrayDeque<>();
  final LinkedHashSet<String> dead = new LinkedHashSet<>();
  final SlidingWindow window;
  long retrying;
  long completed;
  boolean paused;
  Instant lastCompletedAt;

  MemoryQueue(String name, Clock clock) {
    this.name = name;
    this.window = new SlidingWindow(60, clock);
  }

  /** Age of the oldest waiting task: the first of each priority band is its oldest. */
  long oldestWaitingAgeMs(long nowMillis) {
    long oldest = Long.MAX_VALUE;
    for (int p = Priority.MAX; p >= Priority.MIN; p--) {
      Waiting first = waiting.ceiling(new Waiting(p, Long.MIN_VALUE, ""));
      if (first != null && first.priority() == p) {
        oldest = Math.min(oldest, first.readyMillis());
      }
    }
    return oldest == Long.MAX_VALUE ? 0 : Math.max(0, nowMillis - oldest);
  }
}
