package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.store.Ids;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreConflictException.Reason;
import io.vigil.store.alarms.AlarmQuery;
import io.vigil.store.alarms.AlarmRecord;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.alarms.TimelineEntry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Alarms in {@code alarms}, timelines in {@code alarm_timeline}. The partial unique index on open fingerprints and
 * the version column make the read-modify-write safe across nodes; an alarm and its timeline entries are written in
 * one transaction.
 */
final class PgAlarmStore implements AlarmStore {
  private static final String OPEN_INDEX = "alarms_open_fingerprint_idx";
  private static final String COLUMNS = "id, fingerprint, rule, severity, state, suppressed, silenced, labels::text, "
      + "annotations::text, started_at, fired_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, "
      + "escalation_level, notifications, last_notified_at, updated_at, version";
  private static final String INSERT = """
      INSERT INTO alarms (id, fingerprint, rule, severity, state, suppressed, silenced, labels, annotations, started_at,
                          fired_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, escalation_level,
                          notifications, last_notified_at, updated_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11, $12, $13, $14, $15, $16, $17,
              $18, $19, 1)
      ON CONFLICT (fingerprint) WHERE state <> 'resolved' DO NOTHING
      RETURNING\s""" + COLUMNS;
  private static final String UPDATE = """
      UPDATE alarms SET severity = $2, state = $3, suppressed = $4, silenced = $5, labels = $6::text::jsonb,
                        annotations = $7::text::jsonb, fired_at = $8, acknowledged_at = $9, acknowledged_by = $10,
                        resolved_at = $11, resolved_by = $12, escalation_level = $13, notifications = $14,
                        last_notified_at = $15, updated_at = $16, version = version + 1
      WHERE id = $1 AND version = $17
      RETURNING\s""" + COLUMNS;
  private static final String INSERT_TIMELINE = """
      INSERT INTO alarm_timeline (id, alarm_id, at, kind, from_state, to_state, actor, message, details)
      SELECT id, alarm_id, at, kind, from_state, to_state, actor, message, details::jsonb
      FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                  $8::text[], $9::text[])
        AS t(id, alarm_id, at, kind, from_state, to_state, actor, message, details)
      ON CONFLICT (id) DO NOTHING""";

  private final PgDatabase db;

  PgAlarmStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<AlarmRecord> open(AlarmRecord alarm, List<TimelineEntry> timeline) {
    return db.run(() -> db.pool().withTransaction(tx -> tx.preparedQuery(INSERT).mapping(PgAlarmStore::alarm)
        .execute(insertParams(alarm))
        .compose(rows -> {
          if (rows.size() == 1) return append(tx, timeline).map(v -> rows.iterator().next());
          return openId(tx, alarm.fingerprint()).compose(openId -> Future.failedFuture(alreadyOpen(alarm, openId)));
        })));
  }

  @Override
  public Future<AlarmRecord> update(AlarmRecord alarm, List<TimelineEntry> timeline) {
    return db.run(() -> db.pool().withTransaction(tx -> tx.preparedQuery(UPDATE).mapping(PgAlarmStore::alarm)
            .execute(updateParams(alarm))
            .compose(rows -> {
              if (rows.size() == 1) return append(tx, timeline).map(v -> rows.iterator().next());
              return tx.preparedQuery("SELECT version FROM alarms WHERE id = $1")
                  .execute(Tuple.of(UUID.fromString(alarm.id())))
                  .compose(found -> Future.failedFuture(found.size() == 0
                      ? new StoreConflictException(Reason.MISSING, "no alarm " + alarm.id(), null)
                      : new StoreConflictException(Reason.STALE_VERSION, "alarm " + alarm.id() + " is at version "
                          + found.iterator().next().getLong(0) + ", the update was based on " + alarm.version(),
                          alarm.id())));
            }))
        .recover(error -> isOpenConflict(error)
            ? findOpen(alarm.fingerprint()).compose(open -> Future.failedFuture(
                alreadyOpen(alarm, open.map(AlarmRecord::id).orElse(null))))
            : Future.failedFuture(error)));
  }

  @Override
  public Future<Optional<AlarmRecord>> find(String id) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return db.run(() -> db.pool().preparedQuery("SELECT " + COLUMNS + " FROM alarms WHERE id = $1")
        .mapping(PgAlarmStore::alarm).execute(Tuple.of(UUID.fromString(id))).map(PgDatabase::first));
  }

  @Override
  public Future<Optional<AlarmRecord>> findOpen(String fingerprint) {
    return db.run(() -> db.pool()
        .preparedQuery("SELECT " + COLUMNS + " FROM alarms WHERE fingerprint = $1 AND state <> 'resolved'")
        .mapping(PgAlarmStore::alarm).execute(Tuple.of(fingerprint)).map(PgDatabase::first));
  }

  @Override
  public Future<List<AlarmRecord>> list(AlarmQuery query) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (!query.states().isEmpty()) {
      params.addArrayOfString(query.states().stream().map(AlarmState::wireName).toArray(String[]::new));
      where.add("state = ANY($" + params.size() + "::text[])");
    }
    if (query.severity() != null) {
      params.addString(query.severity().wireName());
      where.add("severity = $" + params.size());
    }
    if (query.rule() != null) {
      params.addString(query.rule());
      where.add("rule = $" + params.size());
    }
    params.addInteger(query.limit());
    String sql = "SELECT " + COLUMNS + " FROM alarms" + PgDatabase.where(where)
        + " ORDER BY started_at DESC, id DESC LIMIT $" + params.size();
    return db.run(() -> db.pool().preparedQuery(sql).mapping(PgAlarmStore::alarm).execute(params)
        .map(PgDatabase::list));
  }

  @Override
  public Future<Void> appendTimeline(List<TimelineEntry> entries) {
    return db.run(() -> append(db.pool(), entries));
  }

  @Override
  public Future<List<TimelineEntry>> timeline(String alarmId, int limit) {
    if (!Ids.isValid(alarmId)) return Future.succeededFuture(List.of());
    return db.run(() -> db.pool().preparedQuery("""
            SELECT id, alarm_id, at, kind, from_state, to_state, actor, message, details::text
            FROM alarm_timeline WHERE alarm_id = $1 ORDER BY at, id LIMIT $2""")
        .mapping(PgAlarmStore::entry).execute(Tuple.of(UUID.fromString(alarmId), limit)).map(PgDatabase::list));
  }

  /** Timelines go with their alarms (ON DELETE CASCADE). */
  @Override
  public Future<Integer> deleteResolvedBefore(Instant cutoff, int max) {
    return db.run(() -> db.pool().preparedQuery("""
            DELETE FROM alarms WHERE id IN (
              SELECT id FROM alarms WHERE state = 'resolved' AND resolved_at < $1 ORDER BY resolved_at LIMIT $2)""")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }

  // ---- rows --------------------------------------------------------------------------------------------

  private static Future<Void> append(SqlClient client, List<TimelineEntry> entries) {
    if (entries.isEmpty()) return Future.succeededFuture();
    int n = entries.size();
    UUID[] id = new UUID[n], alarmId = new UUID[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] kind = new String[n], from = new String[n], to = new String[n], actor = new String[n],
        message = new String[n], details = new String[n];
    for (int i = 0; i < n; i++) {
      TimelineEntry e = entries.get(i);
      id[i] = UUID.fromString(e.id());
      alarmId[i] = UUID.fromString(e.alarmId());
      at[i] = PgRows.time(e.at());
      kind[i] = e.kind().wireName();
      from[i] = e.from() == null ? null : e.from().wireName();
      to[i] = e.to() == null ? null : e.to().wireName();
      actor[i] = e.actor();
      message[i] = e.message();
      details[i] = PgRows.json(e.details());
    }
    return client.preparedQuery(INSERT_TIMELINE)
        .execute(Tuple.wrap(new Object[] {id, alarmId, at, kind, from, to, actor, message, details})).mapEmpty();
  }

  private static Future<String> openId(SqlClient client, String fingerprint) {
    return client.preparedQuery("SELECT id FROM alarms WHERE fingerprint = $1 AND state <> 'resolved'")
        .execute(Tuple.of(fingerprint))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0).toString());
  }

  private static StoreConflictException alreadyOpen(AlarmRecord alarm, String openId) {
    return new StoreConflictException(Reason.ALREADY_OPEN,
        "an open alarm with fingerprint '" + alarm.fingerprint() + "' exists: " + openId, openId);
  }

  private static boolean isOpenConflict(Throwable error) {
    return error instanceof PgException pg && "23505".equals(pg.getSqlState()) && OPEN_INDEX.equals(pg.getConstraint());
  }

  private static Tuple insertParams(AlarmRecord a) {
    return Tuple.from(Arrays.asList(UUID.fromString(a.id()), a.fingerprint(), a.rule(), a.severity().wireName(),
        a.state().wireName(), a.suppressed(), a.silenced(), PgRows.json(a.labels()), PgRows.json(a.annotations()),
        PgRows.time(a.startedAt()), PgRows.time(a.firedAt()), PgRows.time(a.acknowledgedAt()), a.acknowledgedBy(),
        PgRows.time(a.resolvedAt()), a.resolvedBy(), a.escalationLevel(), a.notifications(),
        PgRows.time(a.lastNotifiedAt()), PgRows.time(a.updatedAt())));
  }

  private static Tuple updateParams(AlarmRecord a) {
    return Tuple.from(Arrays.asList(UUID.fromString(a.id()), a.severity().wireName(), a.state().wireName(),
        a.suppressed(), a.silenced(), PgRows.json(a.labels()), PgRows.json(a.annotations()), PgRows.time(a.firedAt()),
        PgRows.time(a.acknowledgedAt()), a.acknowledgedBy(), PgRows.time(a.resolvedAt()), a.resolvedBy(),
        a.escalationLevel(), a.notifications(), PgRows.time(a.lastNotifiedAt()), PgRows.time(a.updatedAt()),
        a.version()));
  }

  private static AlarmRecord alarm(Row row) {
    return new AlarmRecord(row.getUUID(0).toString(), row.getString(1), row.getString(2),
        Severity.fromWire(row.getString(3)), AlarmState.fromWire(row.getString(4)), row.getBoolean(5),
        row.getBoolean(6), PgRows.strings(row.getString(7)), PgRows.strings(row.getString(8)),
        PgRows.instant(row.getOffsetDateTime(9)), PgRows.instant(row.getOffsetDateTime(10)),
        PgRows.instant(row.getOffsetDateTime(11)), row.getString(12), PgRows.instant(row.getOffsetDateTime(13)),
        row.getString(14), row.getInteger(15), row.getInteger(16), PgRows.instant(row.getOffsetDateTime(17)),
        PgRows.instant(row.getOffsetDateTime(18)), row.getLong(19));
  }

  private static TimelineEntry entry(Row row) {
    String from = row.getString(4);
    String to = row.getString(5);
    return new TimelineEntry(row.getUUID(0).toString(), row.getUUID(1).toString(),
        PgRows.instant(row.getOffsetDateTime(2)), TimelineEntry.Kind.fromWire(row.getString(3)),
        from == null ? null : AlarmState.fromWire(from), to == null ? null : AlarmState.fromWire(to),
        row.getString(6), row.getString(7), PgRows.objects(row.getString(8)));
  }
}
