package io.vigil.store;

import io.vigil.config.StoreConfig;

import java.time.Duration;

/** The history writer's knobs, from {@code store.*}. */
public record WriterSettings(int batchSize, int writesInFlight, Duration flushInterval, int highWater, int lowWater,
                             int hardMax, Duration retryInitial, Duration retryMax, Duration writeTimeout,
                             Duration pingInterval) {
  private static final Duration RETRY_INITIAL = Duration.ofMillis(200);

  public static WriterSettings from(StoreConfig config) {
    return new WriterSettings(config.batchSize(), config.writesInFlight(), config.flushInterval(), config.bufferMax(), config.bufferLowWater(),
        config.bufferHardMax(), RETRY_INITIAL.compareTo(config.retryMax()) < 0 ? RETRY_INITIAL : config.retryMax(),
        config.retryMax(), config.writeTimeout(), config.pingInterval());
  }
}
