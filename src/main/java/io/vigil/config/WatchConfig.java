package io.vigil.config;

import java.time.Duration;

/**
 * Whether the configuration file is watched for changes, and how often it is looked at. A change is applied once
 * the file reads the same on two looks in a row, so a file caught half-written is not reported as broken.
 */
public record WatchConfig(boolean enabled, Duration interval) {
  static WatchConfig read(ConfigReader r) {
    return new WatchConfig(r.bool("config.watch"), r.millis("config.watch_interval_ms", 10, 600_000));
  }
}
