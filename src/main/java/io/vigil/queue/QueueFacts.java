package io.vigil.queue;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vigil.bus.Addresses;
import io.vigil.bus.EventFactory;
import io.vigil.bus.FinishedTasks;
import io.vigil.bus.QueueStatsUpdated;
import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.Task;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publishes what the queue engine did: the facts other capabilities listen to. */
final class QueueFacts {
  private static final DeliveryOptions LOCAL_ONLY = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;
  private final EventFactory events;

  QueueFacts(EventBus bus, EventFactory events) {
    this.bus = bus;
    this.events = events;
  }

  void settled(SettledBatch batch, String queue) {
    if (!batch.finished().isEmpty()) finished(batch.finished());
    batch.deadLettered().forEach(this::deadLettered);
    if (!batch.refused().isEmpty()) {
      publish(Addresses.QUEUE_LEASE_REFUSED, events.create("lease.refused", Severity.WARNING, component(queue),
          null, batch.refused().size() + " outcome(s) refused: the lease had been lost (task re-run elsewhere)",
          Map.of("queue", queue, "task_ids", batch.refused())));
    }
  }

  void finished(List<Task> tasks) {
    bus.publish(Addresses.QUEUE_TASKS_FINISHED, new FinishedTasks(List.copyOf(tasks)));
  }

  void deadLettered(Task task) {
    Map<String, Object> details = taskDetails(task);
    details.put("error", task.lastError());
    publish(Addresses.QUEUE_TASK_DEAD_LETTERED, events.create("task.dead_lettered", Severity.WARNING,
        component(task.queue()), null, "task " + task.id() + " (" + task.type() + ") dead-lettered after "
            + task.attempts() + " attempt(s): " + task.lastError(), details));
  }

  /** A cancelled task is finished: history keeps it (and answers for it once the queue forgets it). */
  void cancelled(Task task, String actor, String reason) {
    finished(List.of(task));
    Map<String, Object> details = taskDetails(task);
    putReason(details, reason);
    publish(Addresses.QUEUE_TASK_CANCELLED, events.create("task.cancelled", Severity.INFO, component(task.queue()),
        actor, "task " + task.id() + " cancelled by " + actor, details));
  }

  void queueStateChanged(String queue, boolean paused, String actor, String reason) {
    Map<String, Object> details = new LinkedHashMap<>(Map.of("queue", queue, "paused", paused));
    putReason(details, reason);
    String verb = paused ? "paused" : "resumed";
    publish(Addresses.QUEUE_STATE_CHANGED, events.create("queue." + verb, paused ? Severity.WARNING : Severity.INFO,
        component(queue), actor, "queue " + queue + " " + verb + " by " + actor, details));
  }

  void replayed(String queue, List<String> ids, String actor, String reason) {
    Map<String, Object> details = new LinkedHashMap<>(Map.of("queue", queue, "count", ids.size(), "task_ids", ids));
    putReason(details, reason);
    publish(Addresses.QUEUE_DEAD_LETTERS_CHANGED, events.create("deadletters.replayed", Severity.INFO, component(queue),
        actor, ids.size() + " dead-lettered task(s) of " + queue + " replayed by " + actor, details));
  }

  void purged(String queue, int count, String actor, String reason) {
    Map<String, Object> details = new LinkedHashMap<>(Map.of("queue", queue, "count", count));
    putReason(details, reason);
    publish(Addresses.QUEUE_DEAD_LETTERS_CHANGED, events.create("deadletters.purged", Severity.WARNING, component(queue),
        actor, count + " dead-lettered task(s) of " + queue + " purged by " + actor, details));
  }

  /** Node-local: each node judges its own connection, and a peer's loss must not switch this node's mode. */
  void backendLost(String backend, Throwable cause) {
    publishLocally(Addresses.QUEUE_BACKEND_LOST, events.create("queue.backend.lost", Severity.CRITICAL, "queue-backend:" + backend,
        null, "queue backend " + backend + " is unreachable: " + BackendHealth.describe(cause),
        Map.of("backend", backend, "error", BackendHealth.describe(cause))));
  }

  void backendRestored(String backend, Duration downtime) {
    publishLocally(Addresses.QUEUE_BACKEND_RESTORED, events.create("queue.backend.restored", Severity.INFO,
        "queue-backend:" + backend, null, "queue backend " + backend + " answers again after " + downtime.toSeconds() + " s",
        Map.of("backend", backend, "downtime_ms", downtime.toMillis())));
  }

  void stats(QueueStatsUpdated stats) {
    bus.publish(Addresses.QUEUE_STATS_UPDATED, stats);
  }

  private void publish(String address, Event event) {
    bus.publish(address, event);
  }

  private void publishLocally(String address, Event event) {
    bus.publish(address, event, LOCAL_ONLY);
  }

  private static String component(String queue) {
    return "queue:" + queue;
  }

  private static Map<String, Object> taskDetails(Task task) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task_id", task.id());
    details.put("type", task.type());
    details.put("queue", task.queue());
    details.put("attempts", task.attempts());
    return details;
  }

  private static void putReason(Map<String, Object> details, String reason) {
    if (reason != null && !reason.isBlank()) details.put("reason", reason);
  }
}
