package io.vigil.domain.recovery;

import java.time.Instant;

/**
 * Whether a plan may start now, and if not, why and until when.
 *
 * @param until when the refusal ends (null when admitted or while a run is under way)
 */
public record Admission(Verdict verdict, Instant until) {
  public enum Verdict {
    ADMITTED, RUNNING, COOLING_DOWN, BUDGET_SPENT, SYSTEM_STOPPED, DISABLED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final Admission ADMITTED = new Admission(Verdict.ADMITTED, null);
  public static final Admission RUNNING = new Admission(Verdict.RUNNING, null);
  public static final Admission SYSTEM_STOPPED = new Admission(Verdict.SYSTEM_STOPPED, null);
  public static final Admission DISABLED = new Admission(Verdict.DISABLED, null);

  public boolean admitted() {
    return verdict == Verdict.ADMITTED;
  }
}
