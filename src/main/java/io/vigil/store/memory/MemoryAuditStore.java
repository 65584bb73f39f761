package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.domain.Event;
import io.vigil.domain.Millis;
import io.vigil.store.AuditStore;
import io.vigil.store.EventCursor;
import io.vigil.store.EventPage;
import io.vigil.store.EventQuery;
import io.vigil.store.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The audit log on the heap, newest first, bounded (oldest evicted). */
final class MemoryAuditStore implements AuditStore {
  private record EventKey(Instant time, String id) {}

  /** Newest first: time descending, then id descending. */
  private static final Comparator<EventKey> NEWEST_FIRST =
      Comparator.comparing(EventKey::time).thenComparing(EventKey::id).reversed();

  private final MemoryBackend backend;
  private final TreeMap<EventKey, Event> events = new TreeMap<>(NEWEST_FIRST);
  private final Map<String, EventKey> eventKeys = new HashMap<>();

  MemoryAuditStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<Void> saveEvents(List<Event> batch) {
    try {
      List<Event> normalized = batch.stream().map(MemoryAuditStore::normalize).toList();
      for (Event event : normalized) {
        if (eventKeys.containsKey(event.id())) continue;
        EventKey key = new EventKey(event.time(), event.id());
        eventKeys.put(event.id(), key);
        events.put(key, event);
      }
      while (events.size() > backend.maxRows()) {
        Map.Entry<EventKey, Event> oldest = events.pollLastEntry();
        eventKeys.remove(oldest.getKey().id());
        backend.evictedOne();
      }
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public synchronized Future<EventPage> findEvents(EventQuery query) {
    Map<EventKey, Event> candidates = events;
    EventCursor cursor = query.cursor();
    if (cursor != null) {
      candidates = events.tailMap(new EventKey(cursor.time(), cursor.id().toLowerCase(java.util.Locale.ROOT)), false);
    }
    Instant since = Millis.of(query.since());
    Instant until = Millis.of(query.until());
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
  public synchronized Future<Integer> deleteEventsBefore(Instant before, int max) {
    Instant cutoff = Millis.of(before);
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

  private static Event normalize(Event e) {
    return new Event(Ids.checked(e.id()), Millis.of(e.time()), e.type(), e.severity(), e.component(), e.actor(),
        e.message(), e.details());
  }
}
