package io.vigil.store;

import java.time.Instant;
import java.util.Objects;

/** One row of {@code system_config}: a value and who set it when. */
public record ConfigEntry(String key, String value, String updatedBy, Instant updatedAt) {
  public ConfigEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(updatedBy, "updatedBy");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
