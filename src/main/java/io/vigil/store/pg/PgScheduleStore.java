package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.Millis;
import io.vigil.domain.schedule.ScheduleState;
import io.vigil.store.schedules.ScheduleStore;
import io.vigil.store.schedules.StoredSchedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Schedules in {@code schedules}, their progress in {@code schedule_states} (compare-and-set on the cursor). */
final class PgScheduleStore implements ScheduleStore {
  private final PgDatabase db;

  PgScheduleStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> save(StoredSchedule s) {
    // xmax = 0 only for a row this statement inserted: tells a replacement from a new schedule in one round trip
    return db.run(() -> db.pool().preparedQuery("""
            INSERT INTO schedules (id, definition, created_by, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, created_by = EXCLUDED.created_by,
                                           created_at = EXCLUDED.created_at
            RETURNING xmax <> 0""")
        .execute(Tuple.of(s.id(), s.definition(), s.createdBy(), PgRows.time(s.createdAt())))
        .map(rows -> rows.iterator().next().getBoolean(0)));
  }

  @Override
  public Future<List<StoredSchedule>> list() {
    return db.run(() -> db.pool().query("SELECT id, definition, created_by, created_at FROM schedules ORDER BY id")
        .mapping(row -> new StoredSchedule(row.getString(0), row.getString(1), row.getString(2),
            PgRows.instant(row.getOffsetDateTime(3))))
        .execute().map(PgDatabase::list));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return db.run(() -> db.pool().preparedQuery("""
            WITH gone_state AS (DELETE FROM schedule_states WHERE id = $1)
            DELETE FROM schedules WHERE id = $1""")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0));
  }

  @Override
  public Future<Map<String, ScheduleState>> states() {
    return db.run(() -> db.pool().query(
            "SELECT id, cursor_at, last_due, last_task_id, skipped FROM schedule_states")
        .mapping(PgScheduleStore::state).execute().map(rows -> {
          Map<String, ScheduleState> out = new TreeMap<>();
          rows.forEach(s -> out.put(s.id(), s));
          return out;
        }));
  }

  @Override
  public Future<Boolean> advance(Instant expectedCursor, ScheduleState next) {
    Tuple values = Tuple.of(next.id(), PgRows.time(Millis.of(next.cursor())),
        next.lastDue() == null ? null : PgRows.time(Millis.of(next.lastDue())), next.lastTaskId(), next.skipped());
    if (expectedCursor == null) {
      return db.run(() -> db.pool().preparedQuery("""
              INSERT INTO schedule_states (id, cursor_at, last_due, last_task_id, skipped) VALUES ($1, $2, $3, $4, $5)
              ON CONFLICT (id) DO NOTHING""")
          .execute(values).map(PgScheduleStore::one));
    }
    values.addOffsetDateTime(PgRows.time(Millis.of(expectedCursor)));
    return db.run(() -> db.pool().preparedQuery("""
            UPDATE schedule_states SET cursor_at = $2, last_due = $3, last_task_id = $4, skipped = $5
            WHERE id = $1 AND cursor_at = $6""")
        .execute(values).map(PgScheduleStore::one));
  }

  private static boolean one(RowSet<Row> rows) {
    return rows.rowCount() == 1;
  }

  private static ScheduleState state(Row row) {
    return new ScheduleState(row.getString(0), PgRows.instant(row.getOffsetDateTime(1)),
        PgRows.instant(row.getOffsetDateTime(2)), row.getString(3), row.getLong(4));
  }
}
