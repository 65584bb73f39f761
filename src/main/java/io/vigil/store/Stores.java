package io.vigil.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.PgConfig;
import io.vigil.config.StoreConfig;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.attempts.RecoveryStore;
import io.vigil.store.memory.MemoryStores;
import io.vigil.store.outbox.OutboxStore;
import io.vigil.store.pg.PgStores;
import io.vigil.store.rollups.ProbeRollupStore;
import io.vigil.store.schedules.ScheduleStore;
import io.vigil.store.silences.SilenceStore;

/**
 * Every store of one node, on one backend: one PostgreSQL pool (when {@code pg.url} is set) or the process's heap,
 * bounded per table by {@code store.memory_max_rows}. History and audit are written only through the batched
 * {@link HistoryWriter}; the others are read-modify-write stores their capability uses directly.
 */
public record Stores(StoreBackend backend, TaskHistoryStore history, AuditStore audit, SystemConfigStore config,
                     AlarmStore alarms, SilenceStore silences, OutboxStore outbox, RecoveryStore recovery,
                     ProbeRollupStore rollups, ScheduleStore schedules) {

  public static Stores create(Vertx vertx, PgConfig pg, StoreConfig store) {
    return pg.enabled() ? PgStores.create(vertx, pg.url(), pg.poolSize()) : MemoryStores.create(store.memoryMaxRows());
  }

  /** {@code pg} or {@code memory}. */
  public String name() {
    return backend.name();
  }

  public Future<Void> migrate() {
    return backend.migrate();
  }

  public Future<Void> ping() {
    return backend.ping();
  }

  public Future<Void> close() {
    return backend.close();
  }
}
