package io.vigil.store.rollups;

import java.time.Instant;

/**
 * Checks and failures of one component over the minutes overlapping {@code [from, to)}.
 *
 * <p>Uptime is the share of checks that did not fail (as Uptime Kuma and Gatus count it): a DEGRADED check is up.
 */
public record Uptime(String component, Instant from, Instant to, long checks, long failures) {

  /** (checks − failures) / checks; null when there were no checks (unknown, not 100 %). */
  public Double ratio() {
    return checks == 0 ? null : (double) (checks - failures) / checks;
  }
}
