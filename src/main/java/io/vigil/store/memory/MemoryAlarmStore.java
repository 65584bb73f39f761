package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.store.Ids;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreConflictException.Reason;
import io.vigil.store.alarms.AlarmQuery;
import io.vigil.store.alarms.AlarmRecord;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.alarms.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.vigil.store.memory.Calls.call;

/**
 * Alarms on the heap. Each method runs under the store's lock, so a read-modify-write is checked and applied at
 * once, as the PostgreSQL store does in one transaction. Bounded: beyond {@code maxRows} alarms the oldest resolved
 * one goes (with its timeline); open alarms are never evicted. A timeline keeps at most {@code maxRows} entries.
 */
final class MemoryAlarmStore implements AlarmStore {
  private static final Comparator<AlarmRecord> NEWEST_FIRST =
      Comparator.comparing(AlarmRecord::startedAt).thenComparing(AlarmRecord::id).reversed();
  private static final Comparator<TimelineEntry> OLDEST_FIRST =
      Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::id);

  private final MemoryBackend backend;
  private final Map<String, AlarmRecord> alarms = new HashMap<>();
  /** fingerprint → id of its open alarm */
  private final Map<String, String> open = new HashMap<>();
  private final Map<String, List<TimelineEntry>> timelines = new HashMap<>();
  private final Set<String> entryIds = new HashSet<>();

  MemoryAlarmStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<AlarmRecord> open(AlarmRecord alarm, List<TimelineEntry> timeline) {
    return call(() -> {
      if (alarms.containsKey(alarm.id())) throw new IllegalArgumentException("alarm " + alarm.id() + " exists");
      String openId = open.get(alarm.fingerprint());
      if (alarm.isOpen() && openId != null) {
        throw new StoreConflictException(Reason.ALREADY_OPEN,
            "an open alarm with fingerprint '" + alarm.fingerprint() + "' exists: " + openId, openId);
      }
      checkTimeline(timeline, alarm.id());
      makeRoom();
      AlarmRecord stored = alarm.toBuilder().version(1).build();
      put(stored);
      append(timeline);
      return stored;
    });
  }

  @Override
  public synchronized Future<AlarmRecord> update(AlarmRecord alarm, List<TimelineEntry> timeline) {
    return call(() -> {
      AlarmRecord stored = alarms.get(alarm.id());
      if (stored == null) throw new StoreConflictException(Reason.MISSING, "no alarm " + alarm.id(), null);
      if (stored.version() != alarm.version()) {
        throw new StoreConflictException(Reason.STALE_VERSION, "alarm " + alarm.id() + " is at version "
            + stored.version() + ", the update was based on " + alarm.version(), alarm.id());
      }
      String openId = open.get(stored.fingerprint());
      if (alarm.isOpen() && openId != null && !openId.equals(stored.id())) {
        throw new StoreConflictException(Reason.ALREADY_OPEN,
            "an open alarm with fingerprint '" + stored.fingerprint() + "' exists: " + openId, openId);
      }
      checkTimeline(timeline, alarm.id());
      AlarmRecord next = alarm.toBuilder().fingerprint(stored.fingerprint()).rule(stored.rule())
          .startedAt(stored.startedAt()).version(stored.version() + 1).build();
      put(next);
      append(timeline);
      return next;
    });
  }

  @Override
  public synchronized Future<Optional<AlarmRecord>> find(String id) {
    return Future.succeededFuture(Calls.byId(alarms, id));
  }

  @Override
  public synchronized Future<Optional<AlarmRecord>> findOpen(String fingerprint) {
    return Future.succeededFuture(Optional.ofNullable(open.get(fingerprint)).map(alarms::get));
  }

  @Override
  public synchronized Future<List<AlarmRecord>> list(AlarmQuery query) {
    return Future.succeededFuture(alarms.values().stream()
        .filter(a -> query.states().isEmpty() || query.states().contains(a.state()))
        .filter(a -> query.severity() == null || query.severity() == a.severity())
        .filter(a -> query.rule() == null || query.rule().equals(a.rule()))
        .sorted(NEWEST_FIRST).limit(query.limit()).toList());
  }

  @Override
  public synchronized Future<Void> appendTimeline(List<TimelineEntry> entries) {
    return call(() -> {
      checkTimeline(entries, null);
      append(entries);
      return null;
    });
  }

  @Override
  public synchronized Future<List<TimelineEntry>> timeline(String alarmId, int limit) {
    if (!Ids.isValid(alarmId)) return Future.succeededFuture(List.of());
    List<TimelineEntry> entries = timelines.getOrDefault(Ids.checked(alarmId), List.of());
    return Future.succeededFuture(List.copyOf(entries.subList(0, Math.min(limit, entries.size()))));
  }

  @Override
  public synchronized Future<Integer> deleteResolvedBefore(Instant cutoff, int max) {
    List<AlarmRecord> old = alarms.values().stream()
        .filter(a -> !a.isOpen() && a.resolvedAt() != null && a.resolvedAt().isBefore(cutoff))
        .sorted(Comparator.comparing(AlarmRecord::resolvedAt)).limit(max).toList();
    old.forEach(a -> remove(a.id()));
    return Future.succeededFuture(old.size());
  }

  private void put(AlarmRecord alarm) {
    AlarmRecord before = alarms.put(alarm.id(), alarm);
    if (before != null && before.isOpen()) open.remove(before.fingerprint());
    if (alarm.isOpen()) open.put(alarm.fingerprint(), alarm.id());
  }

  private void remove(String id) {
    AlarmRecord gone = alarms.remove(id);
    if (gone.isOpen()) open.remove(gone.fingerprint());
    List<TimelineEntry> timeline = timelines.remove(id);
    if (timeline != null) timeline.forEach(e -> entryIds.remove(e.id()));
  }

  /** Entries must belong to a stored alarm (or the one being written); all are checked before any is written. */
  private void checkTimeline(List<TimelineEntry> entries, String writing) {
    for (TimelineEntry entry : entries) {
      if (!entry.alarmId().equals(writing) && !alarms.containsKey(entry.alarmId())) {
        throw new IllegalArgumentException("timeline entry " + entry.id() + " names no stored alarm: "
            + entry.alarmId());
      }
    }
  }

  private void append(List<TimelineEntry> entries) {
    for (TimelineEntry entry : entries) {
      if (!entryIds.add(entry.id())) continue;
      List<TimelineEntry> timeline = timelines.computeIfAbsent(entry.alarmId(), id -> new ArrayList<>());
      int at = timeline.size(); // entries nearly always arrive in order: look from the end
      while (at > 0 && OLDEST_FIRST.compare(timeline.get(at - 1), entry) > 0) at--;
      timeline.add(at, entry);
      if (timeline.size() > backend.maxRows()) {
        entryIds.remove(timeline.remove(0).id());
        backend.evictedOne();
      }
    }
  }

  private void makeRoom() {
    while (alarms.size() >= backend.maxRows()) {
      AlarmRecord oldest = alarms.values().stream().filter(a -> !a.isOpen())
          .min(Comparator.comparing(AlarmRecord::updatedAt)).orElseThrow(() -> Calls.full("open alarms",
              backend.maxRows()));
      remove(oldest.id());
      backend.evictedOne();
    }
  }
}
