package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.RowSet;
import io.vigil.store.StoreBackend;
import io.vigil.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The PostgreSQL backend every pg store shares: one vertx-pg-client pool with cached prepared statements, and the
 * schema. The schema is brought up to date (Flyway, on a worker thread) before the first statement runs, so stores
 * that started while PostgreSQL was down migrate as soon as it is back.
 */
public final class PgDatabase implements StoreBackend {
  private static final Logger LOG = LoggerFactory.getLogger(PgDatabase.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  /**
   * A large batch is cut into statements of this many rows that run at once on several pooled connections: the
   * database works on them in parallel while one of them is on the wire. Ids are unique across the chunks, so they
   * never wait on each other's row locks.
   */
  static final int CHUNK_ROWS = 500;

  private final Vertx vertx;
  private final PgTarget target;
  private final Supplier<Pool> pools;
  private volatile Pool pool;
  private Future<Void> schema;

  private PgDatabase(Vertx vertx, PgTarget target, Supplier<Pool> pools) {
    this.vertx = vertx;
    this.target = target;
    this.pools = pools;
    this.pool = pools.get();
  }

  public static PgDatabase create(Vertx vertx, String url, int poolSize) {
    PgTarget target = PgTarget.parse(url);
    target.options().setCachePreparedStatements(true).setReconnectAttempts(0); // the writer owns retries
    return new PgDatabase(vertx, target, () -> PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setMaxWaitQueueSize(1_024).setConnectionTimeout(10)
            .setName("vigil-store"))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS).setTcpKeepAlive(true))
        .connectingTo(target.options())
        .using(vertx)
        .build());
  }

  @Override
  public String name() {
    return "pg";
  }

  public PgTarget target() {
    return target;
  }

  Pool pool() {
    return pool;
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
  public Future<Void> ping() {
    return run(() -> pool.query("SELECT 1").execute().mapEmpty());
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** A fresh pool takes over at once; the old one is closed (its statements in flight fail and are retried). */
  @Override
  public Future<Void> reconnect() {
    Pool old;
    synchronized (this) {
      old = pool;
      pool = pools.get();
    }
    LOG.info("the store's PostgreSQL pool was rebuilt (recovery)");
    return old.close();
  }

  /** Runs a statement once the schema is current; outages come back as StoreUnavailableException. */
  <T> Future<T> run(Supplier<Future<T>> statement) {
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
  static <T> Future<Void> inChunks(List<T> rows, Function<List<T>, Future<Void>> write) {
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

  static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  static <T> List<T> list(RowSet<T> rows) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(list::add);
    return list;
  }

  static <T> java.util.Optional<T> first(RowSet<T> rows) {
    return rows.size() == 0 ? java.util.Optional.empty() : java.util.Optional.of(rows.iterator().next());
  }
}
