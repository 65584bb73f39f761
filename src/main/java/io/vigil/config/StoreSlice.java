package io.vigil.config;

/** What the StoreVerticle is configured with (restart-only: the writer and retention are built at start). */
public record StoreSlice(StoreConfig store, int listMax, boolean metricsEnabled) {
  public static StoreSlice of(VigilConfig config) {
    return new StoreSlice(config.store(), config.http().listMax(), config.metricsEnabled());
  }
}
