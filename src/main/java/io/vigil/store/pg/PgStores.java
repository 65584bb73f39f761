package io.vigil.store.pg;

import io.vertx.core.Vertx;
import io.vigil.store.Stores;

/** Every store on one PostgreSQL pool. */
public final class PgStores {
  private PgStores() {}

  public static Stores create(Vertx vertx, String url, int poolSize) {
    return of(PgDatabase.create(vertx, url, poolSize));
  }

  public static Stores of(PgDatabase db) {
    return new Stores(db, new PgTaskHistoryStore(db), new PgAuditStore(db), new PgSystemConfigStore(db),
        new PgAlarmStore(db), new PgSilenceStore(db), new PgOutboxStore(db), new PgRecoveryStore(db),
        new PgProbeRollupStore(db), new PgScheduleStore(db));
  }
}
