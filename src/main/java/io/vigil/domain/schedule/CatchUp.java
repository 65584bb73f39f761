package io.vigil.domain.schedule;

import java.util.Locale;

/** What happens to due times that passed while no node ran the schedule (every node down, a leader change). */
public enum CatchUp {
  /** Enqueue the latest missed due time once; older ones are skipped. */
  ONE,
  /** Skip every missed due time; wait for the next one. */
  NONE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
