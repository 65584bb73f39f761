package io.vigil.config;

import io.vigil.domain.BackendFallback;
import io.vigil.domain.SystemMode;

import java.time.Duration;

/** The kill switch's starting point and the automatic fallback when the queue backend is lost. */
public record SystemSettings(SystemMode mode, BackendFallback fallback, Duration backendCheck, int retryAfterSeconds) {

  static SystemSettings read(ConfigReader r) {
    return new SystemSettings(
        r.oneOf("system.mode", ConfigReader.byWireName(SystemMode.values(), SystemMode::wireName), SystemMode.ASYNC_QUEUE),
        r.oneOf("system.fallback", ConfigReader.byWireName(BackendFallback.values(), BackendFallback::wireName),
            BackendFallback.SYNC_DIRECT),
        r.millis("system.backend_check_ms", 10, 600_000),
        r.integer("system.retry_after_s", 1, 86_400));
  }
}
