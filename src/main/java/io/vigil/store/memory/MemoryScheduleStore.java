package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.domain.Millis;
import io.vigil.domain.schedule.ScheduleState;
import io.vigil.store.schedules.ScheduleStore;
import io.vigil.store.schedules.StoredSchedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static io.vigil.store.memory.Calls.call;

/** Schedules and their states on the heap. Bounded: beyond {@code maxRows} schedules a new one is refused. */
final class MemoryScheduleStore implements ScheduleStore {
  private final MemoryBackend backend;
  private final Map<String, StoredSchedule> schedules = new TreeMap<>();
  private final Map<String, ScheduleState> states = new HashMap<>();

  MemoryScheduleStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<Boolean> save(StoredSchedule schedule) {
    return call(() -> {
      if (!schedules.containsKey(schedule.id()) && schedules.size() >= backend.maxRows()) {
        throw Calls.full("schedules", backend.maxRows());
      }
      return schedules.put(schedule.id(), schedule) != null;
    });
  }

  @Override
  public synchronized Future<List<StoredSchedule>> list() {
    return Future.succeededFuture(new ArrayList<>(schedules.values()));
  }

  @Override
  public synchronized Future<Boolean> delete(String id) {
    states.remove(id);
    return Future.succeededFuture(schedules.remove(id) != null);
  }

  @Override
  public synchronized Future<Map<String, ScheduleState>> states() {
    return Future.succeededFuture(new TreeMap<>(states));
  }

  @Override
  public synchronized Future<Boolean> advance(Instant expectedCursor, ScheduleState next) {
    ScheduleState current = states.get(next.id());
    Instant stored = current == null ? null : current.cursor();
    if (!Objects.equals(stored, expectedCursor == null ? null : Millis.of(expectedCursor))) {
      return Future.succeededFuture(false);
    }
    states.put(next.id(), new ScheduleState(next.id(), Millis.of(next.cursor()), Millis.of(next.lastDue()),
        next.lastTaskId(), next.skipped()));
    return Future.succeededFuture(true);
  }

}
