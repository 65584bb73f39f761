package io.vigil.domain.recovery;

import java.time.Instant;

/**
 * Whether a plan may start now, and if not, why and until when.
 *
 * @param until when the refusal ends (null when admitted or while a run is under way)
 */
public record Admission(Verdict verdict, Instant until) {
  public enum Verdict { ADMITTED, RUNNING, COOLING_DOWN, BUDGET_SPENT }

  public static final Admission ADMITTED = new Admission(Verdict.ADMITTED, null);
  public static final Admission RUNNING = new Admission(Verdict.RUNNING, null);

  public boolean admitted() {
    return verdict == Verdict.ADMITTED;
  }
}
