package io.vigil.store;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * Small durable settings (the system mode lives under {@code system.mode}), read through {@link ConfigCache}.
 * Contract: {@code SystemConfigStoreContract}.
 */
public interface SystemConfigStore {

  Future<Optional<ConfigEntry>> readConfig(String key);

  /** Inserts or replaces the entry with this key. */
  Future<Void> writeConfig(ConfigEntry entry);
}
