package io.vigil.store.schedules;

import io.vertx.core.Future;
import io.vigil.domain.schedule.ScheduleState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The schedules defined over the API (so they survive a restart) and every schedule's state (so a new leader or a
 * restarted node carries on where the last one stopped). Used by the leader's scheduler only; each call is one
 * statement. Contract: {@code ScheduleStoreContract}.
 */
public interface ScheduleStore {

  /** Stores an API schedule, replacing one stored under its id; answers whether it replaced one. */
  Future<Boolean> save(StoredSchedule schedule);

  /** Every API schedule, by id. */
  Future<List<StoredSchedule>> list();

  /** Deletes an API schedule and its state; answers whether there was one. */
  Future<Boolean> delete(String id);

  /** Every schedule's state, by schedule id (file and API schedules alike). */
  Future<Map<String, ScheduleState>> states();

  /**
   * Records {@code next} only if the stored cursor is still {@code expectedCursor} ({@code null}: no state is stored
   * for the schedule yet): a compare-and-set, so of two nodes that both believe they lead, one records a due time
   * and the other learns it lost. Times are kept to the millisecond.
   *
   * @return true when recorded
   */
  Future<Boolean> advance(Instant expectedCursor, ScheduleState next);
}
