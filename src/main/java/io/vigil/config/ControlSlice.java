package io.vigil.config;

import java.time.Duration;

/** What the ControlVerticle (system mode, kill switch) is configured with (restart-only). */
public record ControlSlice(SystemSettings system, Duration configCacheTtl) {
  public static ControlSlice of(VigilConfig config) {
    return new ControlSlice(config.system(), config.store().configCacheTtl());
  }
}
