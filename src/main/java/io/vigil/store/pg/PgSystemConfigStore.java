package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vigil.store.ConfigEntry;
import io.vigil.store.SystemConfigStore;

import java.util.Optional;

/** System config in {@code system_config}. */
final class PgSystemConfigStore implements SystemConfigStore {
  private final PgDatabase db;

  PgSystemConfigStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Optional<ConfigEntry>> readConfig(String key) {
    return db.run(() -> db.pool()
        .preparedQuery("SELECT key, value, updated_by, updated_at FROM system_config WHERE key = $1")
        .mapping(row -> new ConfigEntry(row.getString(0), row.getString(1), row.getString(2),
            PgRows.instant(row.getOffsetDateTime(3))))
        .execute(Tuple.of(key))
        .map(PgDatabase::first));
  }

  @Override
  public Future<Void> writeConfig(ConfigEntry entry) {
    return db.run(() -> db.pool().preparedQuery("""
            INSERT INTO system_config (key, value, updated_by, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by,
              updated_at = EXCLUDED.updated_at""")
        .execute(Tuple.of(entry.key(), entry.value(), entry.updatedBy(), PgRows.time(entry.updatedAt())))
        .mapEmpty());
  }
}
