package io.vigil.store;

import io.vertx.core.Future;

/**
 * What every store of one node shares: the PostgreSQL pool and schema, or the process's heap. The capability stores
 * ({@link Stores}) run their statements on it; it alone is migrated, pinged and closed.
 */
public interface StoreBackend {

  /** {@code pg} or {@code memory}. */
  String name();

  /** Brings the schema up to date (pg: Flyway, off the event loop); a no-op when it already is. */
  Future<Void> migrate();

  /** Succeeds when the backend answers. */
  Future<Void> ping();

  Future<Void> close();

  /**
   * Closes the connections and opens fresh ones (recovery's {@code reconnect}); statements in flight on the old ones
   * fail and are retried by their callers. The heap has nothing to rebuild.
   */
  default Future<Void> reconnect() {
    return Future.succeededFuture();
  }
}
