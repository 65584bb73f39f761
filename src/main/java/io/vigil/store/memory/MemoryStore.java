package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.domain.Event;
import io.vigil.domain.Task;
import io.vigil.store.ConfigEntry;
import io.vigil.store.EventCursor;
import io.vigil.store.EventPage;
import io.vigil.store.EventQuery;
import io.vigil.store.Ids;
import io.vigil.store.Micros;
import io.vigil.store.Store;
import io.vigil.store.TaskHistoryQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded store: this process's heap, lost on exit. Bounded: each table keeps at most {@code maxRows} rows and
 * evicts its oldest beyond that (counted in {@link #evicted()}), so a long run cannot exhaust memory. Methods are
 * synchronized so a benchmark or test thread may call it beside the event loop; none waits on I/O.
 */
public final class MemoryStore implements Store {
  private record EventKey(Instant time, String id) {}

  /** Newest first: time descending, then id descending. */
  private static final Comparator<EventKey> NEWEST_FIRST =
      Comparator.comparing(EventKey::time).thenComparing(EventKey::id).reversed();

  private final int maxRows;
  /** By id; ids are time-ordered, so the first key is the oldest task. */
  private final TreeMap<String, Task> tasks = new TreeMap<>();
  private final TreeMap<EventKey, Event> events = new TreeMap<>(NEWEST_FIRST);
  private final Map<String, EventKey> eventKeys = new HashMap<>();
  private final Map<String, ConfigEntry> config = new HashMap<>();
  private final AtomicLong evicted = new AtomicLong();

  public MemoryStore(int maxRows) {
    if (maxRows < 1) throw new IllegalArgumentException("maxRows must be >= 1");
    this.maxRows = maxRows;
  }

  @Override
  public String name() {
    return "memory";
  }

  /** Rows pushed out by the bound since start. */
  public long evicted() {
    return evicted.get();
  }

  @Override
  public Future<Void> migrate() {
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> saveTasks(List<Task> batch) {
    try {
      List<Task> normalized = batch.stream().map(MemoryStore::normalize).toList(); // all or nothing, like one statement
      for (Task task : normalized) {
        Task stored = tasks.get(task.id());
        if (stored == null || !task.updatedAt().isBefore(stored.updatedAt())) tasks.put(task.id(), task);
      }
      while (tasks.size() > maxRows) {
        tasks.pollFirstEntry();
        evicted.incrementAndGet();
      }
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public synchronized Future<Void> saveEvents(List<Event> batch) {
    try {
      List<Event> normalized = batch.stream().map(MemoryStore::normalize).toList();
      for (Event event : normalized) {
        if (eventKeys.containsKey(event.id())) continue;
        EventKey key = new EventKey(event.time(), event.id());
        eventKeys.put(event.id(), key);
        events.put(key, event);
      }
      while (events.size() > maxRows) {
        Map.Entry<EventKey, Event> oldest = events.pollLastEntry();
        eventKeys.remove(oldest.getKey().id());
        evicted.incrementAndGet();
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
      found.add(task);
    }
    return Future.succeededFuture(found);
  }

  @Override
  public synchronized Future<EventPage> findEvents(EventQuery query) {
    Map<EventKey, Event> candidates = events;
    EventCursor cursor = query.cursor();
    if (cursor != null) {
      candidates = events.tailMap(new EventKey(cursor.time(), cursor.id().toLowerCase(java.util.Locale.ROOT)), false);
    }
    Instant since = Micros.truncate(query.since());
    Instant until = Micros.truncate(query.until());
    List<Event> page = new ArrayList<>();
    boolean more = false;
    for (Event event : candidates.values()) {
      if (until != null && !event.time().isBefore(until)) continue;
      if (since != null && event.time().isBefore(since)) break;
      if (query.type() != null && !query.type().equals(event.type())) continue;
      if (query.severity() != null && query.severity() != event.severity()) continue;
      if (query.component() != null && !query.component().equals(event.component())) continue;
      if (page.size() == query.limit()) {
        more = true;
        break;
      }
      page.add(event);
    }
    String next = more ? new EventCursor(page.get(page.size() - 1).time(), page.get(page.size() - 1).id()).encode() : null;
    return Future.succeededFuture(new EventPage(page, next));
  }

  @Override
  public synchronized Future<Optional<ConfigEntry>> readConfig(String key) {
    return Future.succeededFuture(Optional.ofNullable(config.get(key)));
  }

  @Override
  public synchronized Future<Void> writeConfig(ConfigEntry entry) {
    config.put(entry.key(), new ConfigEntry(entry.key(), entry.value(), entry.updatedBy(), Micros.truncate(entry.updatedAt())));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Integer> deleteEventsBefore(Instant before, int max) {
    Instant cutoff = Micros.truncate(before);
    int deleted = 0;
    // oldest last: walk from the tail
    Iterator<Map.Entry<EventKey, Event>> oldestFirst = events.descendingMap().entrySet().iterator();
    while (deleted < max && oldestFirst.hasNext()) {
      Map.Entry<EventKey, Event> entry = oldestFirst.next();
      if (!entry.getKey().time().isBefore(cutoff)) break;
      oldestFirst.remove();
      eventKeys.remove(entry.getKey().id());
      deleted++;
    }
    return Future.succeededFuture(deleted);
  }

  @Override
  public synchronized Future<Integer> deleteTasksBefore(Instant before, int max) {
    Instant cutoff = Micros.truncate(before);
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

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private static Task normalize(Task t) {
    Task truncated = Micros.truncate(t);
    String id = Ids.checked(t.id());
    return id.equals(t.id()) ? truncated : new Task(id, t.queue(), t.type(), t.payload(), t.priority(), truncated.runAt(),
        t.attempts(), t.maxAttempts(), t.idempotencyKey(), t.status(), truncated.createdAt(), truncated.updatedAt(),
        truncated.startedAt(), truncated.finishedAt(), t.lastError(), t.result());
  }

  private static Event normalize(Event e) {
    return new Event(Ids.checked(e.id()), Micros.truncate(e.time()), e.type(), e.severity(), e.component(), e.actor(),
        e.message(), e.details());
  }
}
