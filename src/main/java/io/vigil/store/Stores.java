package io.vigil.store;

import io.vertx.core.Vertx;
import io.vigil.config.VigilConfig;
import io.vigil.store.memory.MemoryStore;
import io.vigil.store.pg.PgStore;

/** Picks the store the configuration asks for: PostgreSQL when {@code pg.url} is set, memory otherwise. */
public final class Stores {
  private Stores() {}

  public static Store create(Vertx vertx, VigilConfig config) {
    if (config.pg().enabled()) {
      return PgStore.create(vertx, config.pg().url(), config.pg().poolSize());
    }
    return new MemoryStore(config.store().memoryMaxRows());
  }
}
