package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.Millis;
import io.vigil.store.Ids;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreConflictException.Reason;
import io.vigil.store.outbox.Claim;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxQuery;
import io.vigil.store.outbox.OutboxStatus;
import io.vigil.store.outbox.OutboxStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox in {@code notification_outbox}. A claim is one statement that locks the due rows it takes with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers on any number of nodes take disjoint rows without waiting on
 * each other; it skips a row while an older one of its alarm and channel is unsettled (the alarm index finds those);
 * settling a row checks that the caller still holds its lease.
 */
final class PgOutboxStore implements OutboxStore {
  private static final String COLUMNS = "id, channel, alarm_id, dedup_key, payload, status, attempts, "
      + "next_attempt_at, lease_owner, lease_until, last_error, created_at, updated_at, sent_at";
  private static final String CLAIM = """
      WITH due AS (
        SELECT n.id FROM notification_outbox n
        WHERE ((n.status IN ('pending', 'failed') AND n.next_attempt_at <= $1)
            OR (n.status = 'sending' AND n.lease_until <= $1))
          AND (cardinality($4::text[]) = 0 OR n.channel = ANY($4::text[]))
          AND NOT EXISTS (SELECT 1 FROM notification_outbox e
            WHERE e.alarm_id = n.alarm_id AND e.channel = n.channel AND e.status IN ('pending', 'failed', 'sending')
              AND (e.created_at, e.id) < (n.created_at, n.id))
        ORDER BY CASE WHEN n.status = 'sending' THEN n.lease_until ELSE n.next_attempt_at END, n.id
        LIMIT $5
        FOR UPDATE SKIP LOCKED)
      UPDATE notification_outbox o
      SET status = 'sending', attempts = o.attempts + 1, lease_owner = $2, lease_until = $3, updated_at = $1
      FROM due WHERE o.id = due.id
      RETURNING\s""" + prefixed("o.");
  /** Settles a row the caller holds; $1 id, $2 owner, $3 at, then the change's own parameters. */
  private static final String SETTLE = "UPDATE notification_outbox SET %s, lease_owner = NULL, lease_until = NULL, "
      + "updated_at = $3 WHERE id = $1 AND status = 'sending' AND lease_owner = $2 RETURNING " + COLUMNS;

  private final PgDatabase db;

  PgOutboxStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> enqueue(OutboxMessage m) {
    return db.run(() -> insert(db.pool(), m));
  }

  /** The insert of {@link #enqueue}, on any client (the alarm store's commit runs it in its transaction). */
  static Future<Boolean> insert(SqlClient client, OutboxMessage m) {
    return client.preparedQuery("""
            INSERT INTO notification_outbox (id, channel, alarm_id, dedup_key, payload, status, attempts,
              next_attempt_at, lease_owner, lease_until, last_error, created_at, updated_at, sent_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (dedup_key) DO NOTHING""")
        .execute(Tuple.from(Arrays.asList(UUID.fromString(m.id()), m.channel(), PgRows.uuid(m.alarmId()),
            m.dedupKey(), m.payload(), m.status().wireName(), m.attempts(), PgRows.time(m.nextAttemptAt()),
            m.leaseOwner(), PgRows.time(m.leaseUntil()), m.lastError(), PgRows.time(m.createdAt()),
            PgRows.time(m.updatedAt()), PgRows.time(m.sentAt()))))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<List<OutboxMessage>> claimDue(Claim claim) {
    Instant now = Millis.of(claim.now());
    Tuple params = Tuple.of(PgRows.time(now), claim.owner(), PgRows.time(Millis.of(now.plus(claim.lease()))),
        claim.channels().toArray(String[]::new), claim.max());
    return db.run(() -> db.pool().preparedQuery(CLAIM).mapping(PgOutboxStore::message).execute(params)
        .map(PgDatabase::list));
  }

  @Override
  public Future<OutboxMessage> markSent(String id, String owner, Instant at) {
    return settle(id, owner, at, "status = 'sent', sent_at = $3");
  }

  @Override
  public Future<OutboxMessage> markFailed(String id, String owner, Instant at, String error, Instant retryAt) {
    return settle(id, owner, at, "status = 'failed', last_error = $4, next_attempt_at = $5", error,
        PgRows.time(Millis.of(retryAt)));
  }

  @Override
  public Future<OutboxMessage> markDead(String id, String owner, Instant at, String error) {
    return settle(id, owner, at, "status = 'dead', last_error = $4", error);
  }

  private Future<OutboxMessage> settle(String id, String owner, Instant at, String change, Object... more) {
    if (!Ids.isValid(id)) {
      return Future.failedFuture(new StoreConflictException(Reason.MISSING, "no outbox message " + id, null));
    }
    UUID uuid = UUID.fromString(id);
    Tuple params = Tuple.of(uuid, owner, PgRows.time(Millis.of(at)));
    for (Object value : more) params.addValue(value);
    return db.run(() -> db.pool().preparedQuery(String.format(SETTLE, change)).mapping(PgOutboxStore::message)
        .execute(params)
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next())
            : db.pool().preparedQuery("SELECT status, lease_owner FROM notification_outbox WHERE id = $1")
                .execute(Tuple.of(uuid)).compose(found -> Future.failedFuture(lost(id, owner, found)))));
  }

  private static StoreConflictException lost(String id, String owner, RowSet<Row> found) {
    if (found.size() == 0) return new StoreConflictException(Reason.MISSING, "no outbox message " + id, null);
    Row row = found.iterator().next();
    String holder = row.getString(1);
    return new StoreConflictException(Reason.LEASE_LOST, "outbox message " + id + " is not held by " + owner
        + " (it is " + row.getString(0) + (holder == null ? "" : ", held by " + holder) + ")", id);
  }

  @Override
  public Future<Optional<OutboxMessage>> find(String id) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return db.run(() -> db.pool().preparedQuery("SELECT " + COLUMNS + " FROM notification_outbox WHERE id = $1")
        .mapping(PgOutboxStore::message).execute(Tuple.of(UUID.fromString(id))).map(PgDatabase::first));
  }

  @Override
  public Future<List<OutboxMessage>> list(OutboxQuery query) {
    if (query.alarmId() != null && !Ids.isValid(query.alarmId())) return Future.succeededFuture(List.of());
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (query.channel() != null) {
      params.addString(query.channel());
      where.add("channel = $" + params.size());
    }
    if (query.status() != null) {
      params.addString(query.status().wireName());
      where.add("status = $" + params.size());
    }
    if (query.alarmId() != null) {
      params.addUUID(UUID.fromString(query.alarmId()));
      where.add("alarm_id = $" + params.size());
    }
    params.addInteger(query.limit());
    String sql = "SELECT " + COLUMNS + " FROM notification_outbox" + PgDatabase.where(where)
        + " ORDER BY created_at DESC, id DESC LIMIT $" + params.size();
    return db.run(() -> db.pool().preparedQuery(sql).mapping(PgOutboxStore::message).execute(params)
        .map(PgDatabase::list));
  }

  @Override
  public Future<Integer> deleteFinishedBefore(Instant cutoff, int max) {
    return db.run(() -> db.pool().preparedQuery("""
            DELETE FROM notification_outbox WHERE id IN (
              SELECT id FROM notification_outbox WHERE status IN ('sent', 'dead') AND updated_at < $1
              ORDER BY updated_at LIMIT $2)""")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }

  private static String prefixed(String alias) {
    return alias + COLUMNS.replace(", ", ", " + alias);
  }

  private static OutboxMessage message(Row row) {
    return new OutboxMessage(row.getUUID(0).toString(), row.getString(1), PgRows.id(row, 2), row.getString(3),
        row.getString(4), OutboxStatus.fromWire(row.getString(5)), row.getInteger(6),
        PgRows.instant(row.getOffsetDateTime(7)), row.getString(8), PgRows.instant(row.getOffsetDateTime(9)),
        row.getString(10), PgRows.instant(row.getOffsetDateTime(11)), PgRows.instant(row.getOffsetDateTime(12)),
        PgRows.instant(row.getOffsetDateTime(13)));
  }
}
