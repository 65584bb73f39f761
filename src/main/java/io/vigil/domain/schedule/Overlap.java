package io.vigil.domain.schedule;

import java.util.Locale;

/** What a due time does while the schedule's previous run still waits or runs. */
public enum Overlap {
  /** Enqueue nothing for this due time (the skip is counted). */
  SKIP,
  /** Enqueue anyway: runs may overlap. */
  ALLOW;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
