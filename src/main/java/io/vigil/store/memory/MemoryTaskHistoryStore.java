package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.domain.Millis;
import io.vigil.domain.Task;
import io.vigil.store.Ids;
import io.vigil.store.TaskHistoryQuery;
import io.vigil.store.TaskHistoryStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Task history on the heap. Methods are synchronized so a benchmark or test thread may call it beside the event
 * loop; none waits on I/O.
 */
final class MemoryTaskHistoryStore implements TaskHistoryStore {
  private final MemoryBackend backend;
  /** By id; ids are time-ordered, so the first key is the oldest task. */
  private final TreeMap<String, Task> tasks = new TreeMap<>();

  MemoryTaskHistoryStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<Void> saveTasks(List<Task> batch) {
    try {
      List<Task> normalized = batch.stream().map(MemoryTaskHistoryStore::normalize).toList(); // all or nothing
      for (Task task : normalized) {
        Task stored = tasks.get(task.id());
        if (stored == null || !task.updatedAt().isBefore(stored.updatedAt())) tasks.put(task.id(), task);
      }
      while (tasks.size() > backend.maxRows()) {
        tasks.pollFirstEntry();
        backend.evictedOne();
      }
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public synchronized Future<Optional<Task>> findTask(String id) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return Future.succeededFuture(Optional.ofNullable(tasks.get(Ids.checked(id))));
  }

  @Override
  public synchronized Future<List<Task>> findTasks(TaskHistoryQuery query) {
    List<Task> found = new ArrayList<>();
    for (Task task : tasks.descendingMap().values()) {
      if (found.size() >= query.limit()) break;
      if (query.queue() != null && !query.queue().equals(task.queue())) continue;
      if (query.status() != null && query.status() != task.status()) continue;
      if (query.degradedOnly() && task.degraded() == null) continue;
      found.add(task);
    }
    return Future.succeededFuture(found);
  }

  @Override
  public synchronized Future<Integer> deleteTasksBefore(Instant before, int max) {
    Instant cutoff = Millis.of(before);
    int deleted = 0;
    Iterator<Task> all = tasks.values().iterator();
    while (deleted < max && all.hasNext()) {
      if (all.next().updatedAt().isBefore(cutoff)) {
        all.remove();
        deleted++;
      }
    }
    return Future.succeededFuture(deleted);
  }

  private static Task normalize(Task t) {
    Task truncated = t.truncatedToMillis();
    String id = Ids.checked(t.id());
    return id.equals(t.id()) ? truncated : new Task(id, t.queue(), t.type(), t.payload(), t.priority(), truncated.runAt(),
        t.attempts(), t.maxAttempts(), t.idempotencyKey(), t.status(), truncated.createdAt(), truncated.updatedAt(),
        truncated.startedAt(), truncated.finishedAt(), t.lastError(), t.result(), t.group(), t.degraded());
  }
}
