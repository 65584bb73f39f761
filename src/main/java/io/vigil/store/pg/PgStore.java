package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.Event;
import io.vigil.domain.Task;
import io.vigil.store.ConfigEntry;
import io.vigil.store.EventCursor;
import io.vigil.store.EventPage;
import io.vigil.store.EventQuery;
import io.vigil.store.Ids;
import io.vigil.store.Store;
import io.vigil.store.StoreUnavailableException;
import io.vigil.store.TaskHistoryQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The PostgreSQL store: a vertx-pg-client pool with cached prepared statements. Every write is one statement per
 * batch. The schema is brought up to date (Flyway, on a worker thread) before the first statement runs, so a store
 * that started while PostgreSQL was down migrates as soon as it is back.
 */
public final class PgStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(PgStore.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  /**
   * A large batch is cut into statements of this many rows that run at once on several pooled connections: the
   * database works on them in parallel while one of them is on the wire. Ids are unique across the chunks, so they
   * never wait on each other's row locks.
   */
  static final int CHUNK_ROWS = 500;

  private static final String INSERT_TASKS = """
      INSERT INTO tasks (id, queue, type, status, priority, attempts, max_attempts, payload, result, last_error,
                         idempotency_key, run_at, created_at, updated_at, started_at, finished_at)
      SELECT id, queue, type, status, priority, attempts, max_attempts, payload::jsonb, result::jsonb, last_error,
             idempotency_key, run_at, created_at, updated_at, started_at, finished_at
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int2[], $6::int4[], $7::int4[], $8::text[],
                  $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[],
                  $15::timestamptz[], $16::timestamptz[])
        AS t(id, queue, type, status, priority, attempts, max_attempts, payload, result, last_error, idempotency_key,
             run_at, created_at, updated_at, started_at, finished_at)
      ON CONFLICT (id) DO UPDATE SET
        queue = EXCLUDED.queue, type = EXCLUDED.type, status = EXCLUDED.status, priority = EXCLUDED.priority,
        attempts = EXCLUDED.attempts, max_attempts = EXCLUDED.max_attempts, payload = EXCLUDED.payload,
        result = EXCLUDED.result, last_error = EXCLUDED.last_error, idempotency_key = EXCLUDED.idempotency_key,
        run_at = EXCLUDED.run_at, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at
      WHERE tasks.updated_at <= EXCLUDED.updated_at""";

  private static final String INSERT_EVENTS = """
      INSERT INTO audit_events (id, time, type, severity, component, actor, message, details)
      SELECT id, time, type, severity, component, actor, message, details::jsonb
      FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        AS e(id, time, type, severity, component, actor, message, details)
      ON CONFLICT (id) DO NOTHING""";

  private final Vertx vertx;
  private final PgTarget target;
  private final Pool pool;
  private Future<Void> schema;

  private PgStore(Vertx vertx, PgTarget target, Pool pool) {
    this.vertx = vertx;
    this.target = target;
    this.pool = pool;
  }

  public static PgStore create(Vertx vertx, String url, int poolSize) {
    PgTarget target = PgTarget.parse(url);
    target.options().setCachePreparedStatements(true).setReconnectAttempts(0); // the writer owns retries
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setMaxWaitQueueSize(1_024).setConnectionTimeout(10)
            .setName("vigil-store"))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS).setTcpKeepAlive(true))
        .connectingTo(target.options())
        .using(vertx)
        .build();
    return new PgStore(vertx, target, pool);
  }

  @Override
  public String name() {
    return "pg";
  }

  public PgTarget target() {
    return target;
  }

  /** Runs the migrations once; after a failure the next call tries again. */
  @Override
  public synchronized Future<Void> migrate() {
    if (schema != null && !schema.failed()) return schema;
    Promise<Void> done = Promise.promise();
    schema = done.future();
    vertx.executeBlocking(() -> PgMigrations.migrate(target), false).onComplete(result -> {
      if (result.succeeded()) {
        if (result.result() > 0) LOG.info("applied {} migration(s) to {}", result.result(), target);
        done.complete();
      } else {
        done.fail(PgErrors.classify(result.cause()));
      }
    });
    return schema;
  }

  @Override
  public Future<Void> saveTasks(List<Task> tasks) {
    if (tasks.isEmpty()) return Future.succeededFuture();
    return run(() -> inChunks(new ArrayList<>(PgRows.newestPerId(tasks)),
        chunk -> pool.preparedQuery(INSERT_TASKS).execute(PgRows.taskArrays(chunk)).mapEmpty()));
  }

  @Override
  public Future<Void> saveEvents(List<Event> events) {
    if (events.isEmpty()) return Future.succeededFuture();
    return run(() -> inChunks(events,
        chunk -> pool.preparedQuery(INSERT_EVENTS).execute(PgRows.eventArrays(chunk)).mapEmpty()));
  }

  @Override
  public Future<Optional<Task>> findTask(String id) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    return run(() -> pool.preparedQuery("SELECT " + PgRows.TASK_COLUMNS + " FROM tasks WHERE id = $1")
        .mapping(PgRows::task).execute(Tuple.of(UUID.fromString(id)))
        .map(rows -> rows.size() == 0 ? Optional.<Task>empty() : Optional.of(rows.iterator().next())));
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
    params.addInteger(query.limit());
    String sql = "SELECT " + PgRows.TASK_COLUMNS + " FROM tasks" + clause(where) + " ORDER BY id DESC LIMIT $"
        + params.size();
    return run(() -> pool.preparedQuery(sql).mapping(PgRows::task).execute(params).map(PgStore::list));
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
    String sql = "SELECT " + PgRows.EVENT_COLUMNS + " FROM audit_events" + clause(where)
        + " ORDER BY time DESC, id DESC LIMIT $" + params.size();
    return run(() -> pool.preparedQuery(sql).mapping(PgRows::event).execute(params).map(rows -> {
      List<Event> events = list(rows);
      if (events.size() <= query.limit()) return new EventPage(events, null);
      List<Event> page = events.subList(0, query.limit());
      Event last = page.get(page.size() - 1);
      return new EventPage(page, new EventCursor(last.time(), last.id()).encode());
    }));
  }

  @Override
  public Future<Optional<ConfigEntry>> readConfig(String key) {
    return run(() -> pool.preparedQuery("SELECT key, value, updated_by, updated_at FROM system_config WHERE key = $1")
        .mapping(row -> new ConfigEntry(row.getString(0), row.getString(1), row.getString(2),
            PgRows.instant(row.getOffsetDateTime(3))))
        .execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? Optional.<ConfigEntry>empty() : Optional.of(rows.iterator().next())));
  }

  @Override
  public Future<Void> writeConfig(ConfigEntry entry) {
    return run(() -> pool.preparedQuery("""
            INSERT INTO system_config (key, value, updated_by, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by,
              updated_at = EXCLUDED.updated_at""")
        .execute(Tuple.of(entry.key(), entry.value(), entry.updatedBy(), PgRows.time(entry.updatedAt())))
        .mapEmpty());
  }

  /** A bounded delete: the sub-select picks at most {@code max} rows, so locks are few and short. */
  @Override
  public Future<Integer> deleteEventsBefore(Instant cutoff, int max) {
    return run(() -> pool.preparedQuery(
            "DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE time < $1 LIMIT $2)")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }

  @Override
  public Future<Integer> deleteTasksBefore(Instant cutoff, int max) {
    return run(() -> pool.preparedQuery(
            "DELETE FROM tasks WHERE id IN (SELECT id FROM tasks WHERE updated_at < $1 LIMIT $2)")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }

  @Override
  public Future<Void> ping() {
    return run(() -> pool.query("SELECT 1").execute().mapEmpty());
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** Runs a statement once the schema is current; outages come back as StoreUnavailableException. */
  private <T> Future<T> run(Supplier<Future<T>> statement) {
    Future<Void> ready;
    synchronized (this) {
      ready = schema != null && schema.succeeded() ? schema : null;
    }
    if (ready == null) {
      // a schema that cannot be brought up to date makes the store unusable, not the rows bad: buffer, don't reject
      ready = migrate().recover(error -> Future.failedFuture(StoreUnavailableException.is(error) ? error
          : new StoreUnavailableException("the schema is not up to date: " + error.getMessage(), error)));
    }
    return ready.compose(v -> {
      try {
        return statement.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e); // e.g. an id that is not a UUID: refused, before any I/O
      }
    }).recover(error -> Future.failedFuture(PgErrors.classify(error)));
  }

  /** One statement per chunk, all at once; done when every chunk is (a failed chunk fails the whole call). */
  private static <T> Future<Void> inChunks(List<T> rows, java.util.function.Function<List<T>, Future<Void>> write) {
    if (rows.size() <= CHUNK_ROWS) return write.apply(rows);
    List<Future<Void>> chunks = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
      chunks.add(write.apply(rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS))));
    }
    return Future.join(chunks).transform(done -> {
      if (done.succeeded()) return Future.succeededFuture();
      // an outage wins over a refusal: the whole batch is then retried, not bisected
      Throwable cause = chunks.stream().filter(Future::failed).map(Future::cause)
          .filter(PgErrors::isUnavailable).findFirst().orElse(done.cause());
      return Future.failedFuture(cause);
    });
  }

  private static String clause(List<String> where) {
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }

  private static <T> List<T> list(RowSet<T> rows) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(list::add);
    return list;
  }
}
