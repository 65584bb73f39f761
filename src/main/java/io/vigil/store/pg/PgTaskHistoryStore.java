package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.Task;
import io.vigil.store.Ids;
import io.vigil.store.TaskHistoryQuery;
import io.vigil.store.TaskHistoryStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Task history in {@code tasks}: every write is one statement per batch (see {@link PgRows}). */
final class PgTaskHistoryStore implements TaskHistoryStore {
  private static final String INSERT_TASKS = """
      INSERT INTO tasks (id, queue, type, status, priority, attempts, max_attempts, payload, result, last_error,
                         idempotency_key, run_at, created_at, updated_at, started_at, finished_at, task_group, degraded)
      SELECT id, queue, type, status, priority, attempts, max_attempts, payload::jsonb, result::jsonb, last_error,
             idempotency_key, run_at, created_at, updated_at, started_at, finished_at, task_group, degraded::jsonb
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int2[], $6::int4[], $7::int4[], $8::text[],
                  $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[],
                  $15::timestamptz[], $16::timestamptz[], $17::text[], $18::text[])
        AS t(id, queue, type, status, priority, attempts, max_attempts, payload, result, last_error, idempotency_key,
             run_at, created_at, updated_at, started_at, finished_at, task_group, degraded)
      ON CONFLICT (id) DO UPDATE SET
        queue = EXCLUDED.queue, type = EXCLUDED.type, status = EXCLUDED.status, priority = EXCLUDED.priority,
        attempts = EXCLUDED.attempts, max_attempts = EXCLUDED.max_attempts, payload = EXCLUDED.payload,
        result = EXCLUDED.result, last_error = EXCLUDED.last_error, idempotency_key = EXCLUDED.idempotency_key,
        run_at = EXCLUDED.run_at, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, task_group = EXCLUDED.task_group,
        degraded = EXCLUDED.degraded
      WHERE tasks.updated_at <= EXCLUDED.updated_at""";

  private final PgDatabase db;

  PgTaskHistoryStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Void> saveTasks(List<Task> tasks) {
    if (tasks.isEmpty()) return Future.succeededFuture();
    return db.run(() -> PgDatabase.inChunks(new ArrayList<>(PgRows.newestPerId(tasks)),
        chunk -> db.pool().preparedQuery(INSERT_TASKS).execute(PgRows.taskArrays(chunk)).mapEmpty()));
  }

  @Override
  public Future<Optional<Task>> findTask(String id) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return db.run(() -> db.pool().preparedQuery("SELECT " + PgRows.TASK_COLUMNS + " FROM tasks WHERE id = $1")
        .mapping(PgRows::task).execute(Tuple.of(UUID.fromString(id))).map(PgDatabase::first));
  }

  @Override
  public Future<List<Task>> findTasks(TaskHistoryQuery query) {
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    if (query.queue() != null) {
      params.addString(query.queue());
      where.add("queue = $" + params.size());
    }
    if (query.status() != null) {
      params.addString(query.status().wireName());
      where.add("status = $" + params.size());
    }
    if (query.degradedOnly()) where.add("degraded IS NOT NULL"); // tasks_degraded_idx (V10)
    params.addInteger(query.limit());
    String sql = "SELECT " + PgRows.TASK_COLUMNS + " FROM tasks" + PgDatabase.where(where)
        + " ORDER BY id DESC LIMIT $" + params.size();
    return db.run(() -> db.pool().preparedQuery(sql).mapping(PgRows::task).execute(params).map(PgDatabase::list));
  }

  /** A bounded delete: the sub-select picks at most {@code max} rows, so locks are few and short. */
  @Override
  public Future<Integer> deleteTasksBefore(Instant cutoff, int max) {
    return db.run(() -> db.pool().preparedQuery(
            "DELETE FROM tasks WHERE id IN (SELECT id FROM tasks WHERE updated_at < $1 LIMIT $2)")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }
}
