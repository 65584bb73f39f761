package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.domain.Millis;
import io.vigil.store.ConfigEntry;
import io.vigil.store.SystemConfigStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** System config on the heap (a handful of keys: not bounded). */
final class MemorySystemConfigStore implements SystemConfigStore {
  private final Map<String, ConfigEntry> config = new HashMap<>();

  @Override
  public synchronized Future<Optional<ConfigEntry>> readConfig(String key) {
    return Future.succeededFuture(Optional.ofNullable(config.get(key)));
  }

  @Override
  public synchronized Future<Void> writeConfig(ConfigEntry entry) {
    config.put(entry.key(), new ConfigEntry(entry.key(), entry.value(), entry.updatedBy(),
        Millis.of(entry.updatedAt())));
    return Future.succeededFuture();
  }
}
