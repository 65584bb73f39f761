package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.Millis;
import io.vigil.store.Ids;
import io.vigil.store.silences.Silence;
import io.vigil.store.silences.SilenceMatcher;
import io.vigil.store.silences.SilenceStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Silences in {@code silences}; matchers are a jsonb array. */
final class PgSilenceStore implements SilenceStore {
  private static final String COLUMNS = "id, matchers::text, starts_at, ends_at, created_by, comment, created_at, "
      + "updated_at";

  private final PgDatabase db;

  PgSilenceStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Silence> create(Silence s) {
    return db.run(() -> db.pool().preparedQuery("""
            INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment, created_at, updated_at)
            VALUES ($1, $2::text::jsonb, $3, $4, $5, $6, $7, $8)""")
        .execute(Tuple.of(UUID.fromString(s.id()), matchers(s.matchers()), PgRows.time(s.startsAt()),
            PgRows.time(s.endsAt()), s.createdBy(), s.comment(), PgRows.time(s.createdAt()),
            PgRows.time(s.updatedAt())))
        .map(s));
  }

  @Override
  public Future<Optional<Silence>> find(String id) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return db.run(() -> db.pool().preparedQuery("SELECT " + COLUMNS + " FROM silences WHERE id = $1")
        .mapping(PgSilenceStore::silence).execute(Tuple.of(UUID.fromString(id))).map(PgDatabase::first));
  }

  @Override
  public Future<List<Silence>> activeAt(Instant at) {
    return db.run(() -> db.pool().preparedQuery("SELECT " + COLUMNS
            + " FROM silences WHERE ends_at > $1 AND starts_at <= $1 ORDER BY starts_at, id")
        .mapping(PgSilenceStore::silence).execute(Tuple.of(PgRows.time(Millis.of(at)))).map(PgDatabase::list));
  }

  @Override
  public Future<List<Silence>> list(Instant after, int limit) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (!after.equals(Instant.MIN)) {
      params.addOffsetDateTime(PgRows.time(Millis.of(after)));
      where.add("ends_at > $1");
    }
    params.addInteger(limit);
    String sql = "SELECT " + COLUMNS + " FROM silences" + PgDatabase.where(where)
        + " ORDER BY starts_at DESC, id DESC LIMIT $" + params.size();
    return db.run(() -> db.pool().preparedQuery(sql).mapping(PgSilenceStore::silence).execute(params)
        .map(PgDatabase::list));
  }

  /** One statement: an ended silence is left as it is (LEAST keeps its end, and its start is before it). */
  @Override
  public Future<Optional<Silence>> expire(String id, Instant at) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return db.run(() -> db.pool().preparedQuery("""
            UPDATE silences SET starts_at = LEAST(starts_at, $2), ends_at = LEAST(ends_at, $2),
                                updated_at = CASE WHEN ends_at > $2 THEN $2 ELSE updated_at END
            WHERE id = $1 RETURNING\s""" + COLUMNS)
        .mapping(PgSilenceStore::silence).execute(Tuple.of(UUID.fromString(id), PgRows.time(Millis.of(at))))
        .map(PgDatabase::first));
  }

  @Override
  public Future<Integer> deleteEndedBefore(Instant cutoff, int max) {
    return db.run(() -> db.pool().preparedQuery(
            "DELETE FROM silences WHERE id IN (SELECT id FROM silences WHERE ends_at < $1 ORDER BY ends_at LIMIT $2)")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }

  private static String matchers(List<SilenceMatcher> matchers) {
    JsonArray array = new JsonArray();
    for (SilenceMatcher m : matchers) {
      array.add(new JsonObject().put("name", m.name()).put("op", m.op().symbol()).put("value", m.value()));
    }
    return array.encode();
  }

  private static Silence silence(Row row) {
    List<SilenceMatcher> matchers = new ArrayList<>();
    for (Object item : new JsonArray(row.getString(1))) {
      JsonObject m = (JsonObject) item;
      matchers.add(new SilenceMatcher(m.getString("name"), SilenceMatcher.Op.fromSymbol(m.getString("op")),
          m.getString("value")));
    }
    return new Silence(row.getUUID(0).toString(), matchers, PgRows.instant(row.getOffsetDateTime(2)),
        PgRows.instant(row.getOffsetDateTime(3)), row.getString(4), row.getString(5),
        PgRows.instant(row.getOffsetDateTime(6)), PgRows.instant(row.getOffsetDateTime(7)));
  }
}
