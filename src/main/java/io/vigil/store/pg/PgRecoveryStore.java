package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.store.Ids;
import io.vigil.store.attempts.AttemptOutcome;
import io.vigil.store.attempts.AttemptQuery;
import io.vigil.store.attempts.RecoveryAttempt;
import io.vigil.store.attempts.RecoveryStats;
import io.vigil.store.attempts.RecoveryStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Recovery attempts in {@code recovery_attempts}. Stats are computed by PostgreSQL over the window (three statements
 * at once: counts with grouping sets, the time to recover per run, the newest failures), not read into memory.
 */
final class PgRecoveryStore implements RecoveryStore {
  private static final String COLUMNS = "id, run_id, component, action, trigger, actor, started_at, duration_ms, "
      + "outcome, error, details::text";
  private static final String COUNTS = """
      SELECT GROUPING(action), GROUPING(component), action, component, count(*),
             count(*) FILTER (WHERE outcome = 'succeeded'), count(*) FILTER (WHERE outcome = 'failed'),
             count(*) FILTER (WHERE outcome = 'running')
      FROM recovery_attempts WHERE started_at >= $1
      GROUP BY GROUPING SETS ((), (action), (component))""";
  /** Per run that healed: its first attempt's start to its first successful attempt's end. */
  private static final String TIME_TO_RECOVER = """
      SELECT avg(healed_ms)::float8 FROM (
        SELECT extract(epoch FROM min(started_at + duration_ms * interval '1 millisecond')
                                    FILTER (WHERE outcome = 'succeeded') - min(started_at)) * 1000 AS healed_ms
        FROM recovery_attempts WHERE started_at >= $1
        GROUP BY coalesce(run_id, id)) runs
      WHERE healed_ms IS NOT NULL""";

  private final PgDatabase db;

  PgRecoveryStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Void> save(RecoveryAttempt a) {
    return db.run(() -> db.pool().preparedQuery("""
            INSERT INTO recovery_attempts (id, run_id, component, action, trigger, actor, started_at, duration_ms,
                                           outcome, error, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb)
            ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, component = EXCLUDED.component,
              action = EXCLUDED.action, trigger = EXCLUDED.trigger, actor = EXCLUDED.actor,
              started_at = EXCLUDED.started_at, duration_ms = EXCLUDED.duration_ms, outcome = EXCLUDED.outcome,
              error = EXCLUDED.error, details = EXCLUDED.details""")
        .execute(Tuple.from(Arrays.asList(UUID.fromString(a.id()), PgRows.uuid(a.runId()), a.component(), a.action(),
            a.trigger(), a.actor(), PgRows.time(a.startedAt()), a.durationMs(), a.outcome().wireName(), a.error(),
            PgRows.json(a.details()))))
        .mapEmpty());
  }

  @Override
  public Future<Optional<RecoveryAttempt>> find(String id) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return db.run(() -> db.pool().preparedQuery("SELECT " + COLUMNS + " FROM recovery_attempts WHERE id = $1")
        .mapping(PgRecoveryStore::attempt).execute(Tuple.of(UUID.fromString(id))).map(PgDatabase::first));
  }

  @Override
  public Future<List<RecoveryAttempt>> list(AttemptQuery query) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (query.component() != null) {
      params.addString(query.component());
      where.add("component = $" + params.size());
    }
    if (query.success() != null) {
      params.addString(query.success() ? AttemptOutcome.SUCCEEDED.wireName() : AttemptOutcome.FAILED.wireName());
      where.add("outcome = $" + params.size());
    }
    params.addInteger(query.limit());
    String sql = "SELECT " + COLUMNS + " FROM recovery_attempts" + PgDatabase.where(where)
        + " ORDER BY started_at DESC, id DESC LIMIT $" + params.size();
    return db.run(() -> db.pool().preparedQuery(sql).mapping(PgRecoveryStore::attempt).execute(params)
        .map(PgDatabase::list));
  }

  @Override
  public Future<RecoveryStats> stats(Instant since, int recentFailures) {
    Tuple window = Tuple.of(PgRows.time(since));
    return db.run(() -> {
      Future<RowSet<Row>> counts = db.pool().preparedQuery(COUNTS).execute(window);
      Future<RowSet<Row>> recover = db.pool().preparedQuery(TIME_TO_RECOVER).execute(window);
      Future<RowSet<RecoveryAttempt>> failures = db.pool().preparedQuery("SELECT " + COLUMNS
              + " FROM recovery_attempts WHERE outcome = 'failed' AND started_at >= $1"
              + " ORDER BY started_at DESC, id DESC LIMIT $2")
          .mapping(PgRecoveryStore::attempt).execute(Tuple.of(PgRows.time(since), recentFailures));
      return Future.all(counts, recover, failures)
          .map(all -> stats(counts.result(), recover.result(), PgDatabase.list(failures.result())));
    });
  }

  private static RecoveryStats stats(RowSet<Row> counts, RowSet<Row> recover, List<RecoveryAttempt> failures) {
    long total = 0, succeeded = 0, failed = 0, running = 0;
    Map<String, RecoveryStats.Counts> byAction = new TreeMap<>();
    Map<String, RecoveryStats.Counts> byComponent = new TreeMap<>();
    for (Row row : counts) {
      boolean allActions = row.getInteger(0) == 1;
      boolean allComponents = row.getInteger(1) == 1;
      RecoveryStats.Counts c = new RecoveryStats.Counts(row.getLong(4), row.getLong(5), row.getLong(6));
      if (allActions && allComponents) {
        total = c.total();
        succeeded = c.succeeded();
        failed = c.failed();
        running = row.getLong(7);
      } else if (allComponents) {
        byAction.put(row.getString(2), c);
      } else {
        byComponent.put(row.getString(3), c);
      }
    }
    Double mttr = recover.iterator().next().getDouble(0);
    return new RecoveryStats(total, succeeded, failed, running,
        succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed), mttr, byAction, byComponent,
        failures);
  }

  @Override
  public Future<Integer> deleteStartedBefore(Instant cutoff, int max) {
    return db.run(() -> db.pool().preparedQuery("""
            DELETE FROM recovery_attempts WHERE id IN (
              SELECT id FROM recovery_attempts WHERE started_at < $1 ORDER BY started_at LIMIT $2)""")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }

  private static RecoveryAttempt attempt(Row row) {
    return new RecoveryAttempt(row.getUUID(0).toString(), PgRows.id(row, 1), row.getString(2), row.getString(3),
        row.getString(4), row.getString(5), PgRows.instant(row.getOffsetDateTime(6)), row.getLong(7),
        AttemptOutcome.fromWire(row.getString(8)), row.getString(9), PgRows.objects(row.getString(10)));
  }
}
