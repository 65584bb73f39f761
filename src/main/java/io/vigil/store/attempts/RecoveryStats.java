package io.vigil.store.attempts;

import java.util.List;
import java.util.Map;

/**
 * Recovery since a point in time. Rates count finished attempts only (running ones are in {@code running}).
 *
 * @param successRate         succeeded / (succeeded + failed); null when none finished
 * @param meanTimeToRecoverMs over the runs that healed: from the run's first attempt starting to its successful
 *                            attempt ending; null when none healed
 * @param byAction            per action, sorted by name
 * @param byComponent         per component, sorted by name
 * @param recentFailures      the newest failed attempts, newest first
 */
public record RecoveryStats(long total, long succeeded, long failed, long running, Double successRate,
                            Double meanTimeToRecoverMs, Map<String, Counts> byAction, Map<String, Counts> byComponent,
                            List<RecoveryAttempt> recentFailures) {

  /** Attempts of one action or component. */
  public record Counts(long total, long succeeded, long failed) {
    public Double successRate() {
      return succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed);
    }
  }

  public RecoveryStats {
    byAction = Map.copyOf(byAction);
    byComponent = Map.copyOf(byComponent);
    recentFailures = List.copyOf(recentFailures);
  }
}
