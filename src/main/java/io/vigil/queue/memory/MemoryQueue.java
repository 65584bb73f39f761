package io.vigil.queue.memory;

import io.vigil.domain.Priority;
import io.vigil.domain.SlidingWindow;
import io.vigil.domain.Task;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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

  /** A group's place in the ring: the lowest turn is looked at next; a group new to the ring has turn 0. */
  record Turn(long turn, String group) {
    static final Comparator<Turn> ORDER = Comparator.comparingLong(Turn::turn).thenComparing(Turn::group);
  }

  /** A group's rate bucket at a time. */
  record Bucket(double tokens, long atMillis) {}

  final String name;
  final TreeSet<Waiting> waiting = new TreeSet<>(Waiting.ORDER);
  /** Delayed and retrying tasks by due time. */
  final TreeSet<Due> delayed = new TreeSet<>(Due.ORDER);
  final TreeSet<Due> leases = new TreeSet<>(Due.ORDER);
  /** Completed and cancelled tasks in the order they finished, for retention. */
  final ArrayDeque<Finished> finished = new ArrayDeque<>();
  final LinkedHashSet<String> dead = new LinkedHashSet<>();
  final SlidingWindow window;
  /** Fair queues: a grouped task waits in its group's set, never in {@code waiting} (the same layout as Redis). */
  final Map<String, TreeSet<Waiting>> groupWaiting = new HashMap<>();
  final TreeSet<Turn> ring = new TreeSet<>(Turn.ORDER);
  final Map<String, Long> turnOf = new HashMap<>();
  final Map<String, Integer> groupActive = new HashMap<>();
  final Map<String, Bucket> groupBuckets = new HashMap<>();
  long groupedQueued;
  long turns;
  long retrying;
  long completed;
  boolean paused;
  Instant lastCompletedAt;

  MemoryQueue(String name, Clock clock) {
    this.name = name;
    this.window = new SlidingWindow(60, clock);
  }

  /** Queues a task: in its group's set when it has a group (a group new to the ring goes to its front). */
  void addWaiting(Task task) {
    if (task.group() == null) {
      waiting.add(Waiting.of(task));
      return;
    }
    if (groupWaiting.computeIfAbsent(task.group(), g -> new TreeSet<>(Waiting.ORDER)).add(Waiting.of(task))) {
      groupedQueued++;
      if (turnOf.putIfAbsent(task.group(), 0L) == null) ring.add(new Turn(0, task.group()));
    }
  }

  void removeWaiting(Task task) {
    if (task.group() == null) {
      waiting.remove(Waiting.of(task));
      return;
    }
    TreeSet<Waiting> set = groupWaiting.get(task.group());
    if (set != null && set.remove(Waiting.of(task))) {
      groupedQueued--;
      if (set.isEmpty()) leaveRing(task.group());
    }
  }

  void leaveRing(String group) {
    groupWaiting.remove(group);
    Long turn = turnOf.remove(group);
    if (turn != null) ring.remove(new Turn(turn, group));
  }

  /** Moves a group that was looked at to the back of the ring. */
  void toBack(String group) {
    Long turn = turnOf.get(group);
    if (turn == null) return;
    ring.remove(new Turn(turn, group));
    turnOf.put(group, ++turns);
    ring.add(new Turn(turns, group));
  }

  int queued() {
    return waiting.size() + (int) groupedQueued;
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
