package io.vigil.store.rollups;

import java.util.Locale;

/**
 * A component's status as a roll-up keeps it, ordered from best to worst so the worst of a minute is the greatest.
 * UNKNOWN (the probe could not tell) ranks below UNHEALTHY and above DEGRADED. Mirrors the domain's health status
 * (HEALTHY, DEGRADED, UNHEALTHY, UNKNOWN); the probe capability maps one onto the other.
 */
public enum RollupStatus {
  HEALTHY, DEGRADED, UNKNOWN, UNHEALTHY;

  public RollupStatus worse(RollupStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RollupStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
