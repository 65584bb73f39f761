package io.vigil.queue;

import io.vertx.core.eventbus.EventBus;
import io.vigil.observe.TaskMeters;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.bus.FinishedTasks;
import io.vigil.bus.QueueStatsUpdated;
import io.vigil.domain.Task;
import io.vigil.domain.fact.BackendLost;
import io.vigil.domain.fact.BackendRestored;
import io.vigil.domain.fact.DeadLettersPurged;
import io.vigil.domain.fact.DeadLettersReplayed;
import io.vigil.domain.fact.LeaseRefused;
import io.vigil.domain.fact.QueueStateChanged;
import io.vigil.domain.fact.Stamp;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.fact.TaskCancelled;
import io.vigil.domain.fact.TaskDeadLettered;

import java.time.Duration;
import java.util.List;

/** Publishes what the queue engine did: the facts other capabilities listen to. */
final class QueueFacts {
  private final EventBus bus;
  private final Stamps stamps;
  private long finished;

  QueueFacts(EventBus bus, Stamps stamps) {
    this.bus = bus;
    this.stamps = stamps;
  }

  void settled(SettledBatch batch, String queue) {
    if (!batch.finished().isEmpty()) finished(batch.finished());
    batch.deadLettered().forEach(this::deadLettered);
    if (!batch.refused().isEmpty()) {
      Facts.publish(bus, Addresses.QUEUE_LEASE_REFUSED, new LeaseRefused(stamps.next(), queue, batch.refused()));
    }
  }

  void finished(List<Task> tasks) {
    finished += tasks.size();
    Facts.publish(bus, Addresses.QUEUE_TASKS_FINISHED, new FinishedTasks(List.copyOf(tasks)));
  }

  /** Tasks finished on this node since it started (what {@code vigil.queues.health} reports as {@code finished}). */
  long finishedSoFar() {
    return finished;
  }

  /** Stamped with the task's {@code finished_at}: the fact and the history row tell one instant. */
  void deadLettered(Task task) {
    TaskMeters.get().deadLettered(task);
    Facts.publish(bus, Addresses.QUEUE_TASK_DEAD_LETTERED, new TaskDeadLettered(finishedAt(task), task.id(),
        task.type(), task.queue(), task.attempts(), task.lastError()));
  }

  /**
   * A cancelled task is finished: history keeps it (and answers for it once the queue forgets it), and the fact is
   * stamped with its {@code finished_at}.
   */
  void cancelled(Task task, String actor, String reason) {
    finished(List.of(task));
    Facts.publish(bus, Addresses.QUEUE_TASK_CANCELLED, new TaskCancelled(finishedAt(task), task.id(), task.type(),
        task.queue(), task.attempts(), actor, reason));
  }

  void queueStateChanged(String queue, boolean paused, String actor, String reason) {
    Facts.publish(bus, Addresses.QUEUE_STATE_CHANGED, new QueueStateChanged(stamps.next(), queue, paused, actor, reason));
  }

  void replayed(String queue, List<String> ids, String actor, String reason) {
    Facts.publish(bus, Addresses.QUEUE_DEAD_LETTERS_REPLAYED, new DeadLettersReplayed(stamps.next(), queue, ids, actor,
        reason));
  }

  void purged(String queue, int count, String actor, String reason) {
    Facts.publish(bus, Addresses.QUEUE_DEAD_LETTERS_PURGED, new DeadLettersPurged(stamps.next(), queue, count, actor,
        reason));
  }

  void backendLost(String backend, Throwable cause) {
    Facts.publish(bus, Addresses.QUEUE_BACKEND_LOST, new BackendLost(stamps.next(), backend,
        BackendHealth.describe(cause)));
  }

  void backendRestored(String backend, Duration downtime) {
    Facts.publish(bus, Addresses.QUEUE_BACKEND_RESTORED, new BackendRestored(stamps.next(), backend,
        downtime.toMillis()));
  }

  void stats(QueueStatsUpdated stats) {
    Facts.publish(bus, Addresses.QUEUE_STATS_UPDATED, stats);
  }

  private Stamp finishedAt(Task task) {
    return task.finishedAt() == null ? stamps.next() : stamps.at(task.finishedAt());
  }
}
