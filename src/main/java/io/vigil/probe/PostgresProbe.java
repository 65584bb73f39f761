package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** {@code SELECT 1} over a pool of one connection of its own (not the store's pool). */
final class PostgresProbe implements Probe {
  private final Pool pool;

  PostgresProbe(Vertx vertx, String url, long timeoutMs) {
    int seconds = (int) Math.max(1, (timeoutMs + 999) / 1000);
    this.pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(4).setConnectionTimeout(seconds))
        .connectingTo(PgConnectOptions.fromUri(url).setReconnectAttempts(0))
        .using(vertx).build();
  }

  @Override
  public Future<Reading> check() {
    return pool.query("SELECT 1").execute()
        .map(rows -> Reading.ok())
        .otherwise(error -> Reading.failed(Errors.describe(error)));
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }
}
