package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.Event;
import io.vigil.store.AuditStore;
import io.vigil.store.EventCursor;
import io.vigil.store.EventPage;
import io.vigil.store.EventQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The audit log in {@code audit_events}: one statement per batch, keyset paging newest first. */
final class PgAuditStore implements AuditStore {
  private static final String INSERT_EVENTS = """
      INSERT INTO audit_events (id, time, type, severity, component, actor, message, details)
      SELECT id, time, type, severity, component, actor, message, details::jsonb
      FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        AS e(id, time, type, severity, component, actor, message, details)
      ON CONFLICT (id) DO NOTHING""";

  private final PgDatabase db;

  PgAuditStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Void> saveEvents(List<Event> events) {
    if (events.isEmpty()) return Future.succeededFuture();
    return db.run(() -> PgDatabase.inChunks(events,
        chunk -> db.pool().preparedQuery(INSERT_EVENTS).execute(PgRows.eventArrays(chunk)).mapEmpty()));
  }

  @Override
  public Future<EventPage> findEvents(EventQuery query) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (query.type() != null) {
      params.addString(query.type());
      where.add("type = $" + params.size());
    }
    if (query.severity() != null) {
      params.addString(query.severity().wireName());
      where.add("severity = $" + params.size());
    }
    if (query.component() != null) {
      params.addString(query.component());
      where.add("component = $" + params.size());
    }
    if (query.since() != null) {
      params.addOffsetDateTime(PgRows.time(query.since()));
      where.add("time >= $" + params.size());
    }
    if (query.until() != null) {
      params.addOffsetDateTime(PgRows.time(query.until()));
      where.add("time < $" + params.size());
    }
    EventCursor cursor = query.cursor();
    if (cursor != null) {
      params.addOffsetDateTime(PgRows.time(cursor.time())).addUUID(UUID.fromString(cursor.id()));
      where.add("(time, id) < ($" + (params.size() - 1) + ", $" + params.size() + ")");
    }
    params.addInteger(query.limit() + 1); // one more tells whether another page follows
    String sql = "SELECT " + PgRows.EVENT_COLUMNS + " FROM audit_events" + PgDatabase.where(where)
        + " ORDER BY time DESC, id DESC LIMIT $" + params.size();
    return db.run(() -> db.pool().preparedQuery(sql).mapping(PgRows::event).execute(params).map(rows -> {
      List<Event> events = PgDatabase.list(rows);
      if (events.size() <= query.limit()) return new EventPage(events, null);
      List<Event> page = events.subList(0, query.limit());
      Event last = page.get(page.size() - 1);
      return new EventPage(page, new EventCursor(last.time(), last.id()).encode());
    }));
  }

  /** A bounded delete: the sub-select picks at most {@code max} rows, so locks are few and short. */
  @Override
  public Future<Integer> deleteEventsBefore(Instant cutoff, int max) {
    return db.run(() -> db.pool().preparedQuery(
            "DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE time < $1 LIMIT $2)")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }
}
