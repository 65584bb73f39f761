package io.vigil.store.pg;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vigil.store.StoreUnavailableException;

import java.sql.SQLException;

/**
 * Tells an outage (retry later) from a refusal (the statement or its data is wrong). Everything that means "could
 * not talk to PostgreSQL, or it could not serve us right now" becomes a {@link StoreUnavailableException}.
 */
final class PgErrors {
  private PgErrors() {}

  static Throwable classify(Throwable error) {
    if (error instanceof StoreUnavailableException) return error;
    return isUnavailable(error) ? new StoreUnavailableException("PostgreSQL is unavailable: " + firstLine(error), error)
        : error;
  }

  /** Flyway's messages run to several lines; health and logs need the first. */
  private static String firstLine(Throwable error) {
    String message = String.valueOf(error.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).trim();
  }

  static boolean isUnavailable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PgException pg) return isTransientState(pg.getSqlState());
      if (t instanceof SQLException sql && sql.getSQLState() != null) return isTransientState(sql.getSQLState());
      if (t instanceof ClosedConnectionException || t instanceof java.io.IOException
          || t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return true; // refused, reset, closed mid-query, or no answer in time
      }
      String message = t.getMessage();
      if (message != null && (message.startsWith("Timeout") || message.contains("waiting queue"))) {
        return true; // no pooled connection in time, or the pool's wait queue is full
      }
    }
    return false;
  }

  /**
   * SQLSTATE classes that pass: 08 connection exception, 53 insufficient resources (too many connections, disk
   * full), 57 operator intervention (admin shutdown, pg_terminate_backend, cannot connect now, query cancelled),
   * 40001/40P01 serialization failure and deadlock, 25006 read-only (a standby after fail-over).
   */
  private static boolean isTransientState(String state) {
    if (state == null) return false;
    return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.equals("40001")
        || state.equals("40P01") || state.equals("25006");
  }
}
