package io.vigil.domain.health;

import io.vigil.domain.health.HealthStatus.Evidence;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a component's outcomes into a status with hysteresis: {@link HealthThresholds#failures()} outcomes in a row
 * to go down, {@link HealthThresholds#successes()} in a row to come back, the moves themselves from
 * {@link HealthStatus}'s one table. {@link #record} answers the transition when the status changes, so a caller
 * publishes exactly one fact per change. Time comes from the {@link Clock}. Not thread-safe: confine it to one event
 * loop.
 */
public final class HealthTracker {
  private static final Evidence[] AFTER_OK = {Evidence.OKS, Evidence.ANSWERS, Evidence.OK};
  private static final Evidence[] AFTER_DEGRADED = {Evidence.ANSWERS, Evidence.TROUBLE, Evidence.DEGRADED};
  private static final Evidence[] AFTER_FAILED = {Evidence.FAILURES, Evidence.TROUBLE, Evidence.FAILED};
  private static final Evidence[] AFTER_UNKNOWN = {Evidence.UNKNOWNS};

  private final HealthThresholds thresholds;
  private final Clock clock;
  private HealthStatus status;
  private Instant since;
  /** Ok outcomes in a row. */
  private int oks;
  /** Ok or degraded outcomes in a row. */
  private int answers;
  /** Failed outcomes in a row. */
  private int failures;
  /** Degraded or failed outcomes in a row. */
  private int trouble;
  /** Unknown outcomes in a row. */
  private int unknowns;
  private String lastError;
  private Instant lastErrorAt;
  private HealthTransition lastTransition;

  public HealthTracker(HealthThresholds thresholds, HealthStatus initial, Clock clock) {
    this.thresholds = thresholds;
    this.clock = clock;
    this.status = initial;
    this.since = clock.instant();
  }

  /** A tracker that knows nothing yet: UNKNOWN until the first outcome. */
  public static HealthTracker unknown(HealthThresholds thresholds, Clock clock) {
    return new HealthTracker(thresholds, HealthStatus.UNKNOWN, clock);
  }

  /** Counts one outcome; answers the transition when the status changed. */
  public Optional<HealthTransition> record(HealthOutcome outcome) {
    Evidence[] candidates = count(outcome);
    for (Evidence evidence : candidates) {
      if (!holds(evidence)) continue;
      Optional<HealthStatus> next = status.next(evidence);
      if (next.isPresent()) return Optional.of(moveTo(next.get(), outcome)); // the table has no self-moves
    }
    return Optional.empty();
  }

  private Evidence[] count(HealthOutcome outcome) {
    if (outcome instanceof HealthOutcome.Ok) {
      oks++;
      answers++;
      failures = trouble = unknowns = 0;
      return AFTER_OK;
    }
    if (outcome instanceof HealthOutcome.Degraded) {
      answers++;
      trouble++;
      oks = failures = unknowns = 0;
      return AFTER_DEGRADED;
    }
    if (outcome instanceof HealthOutcome.Failed failed) {
      failures++;
      trouble++;
      oks = answers = unknowns = 0;
      lastError = failed.error();
      lastErrorAt = clock.instant();
      return AFTER_FAILED;
    }
    unknowns++;
    oks = answers = failures = trouble = 0;
    return AFTER_UNKNOWN;
  }

  private boolean holds(Evidence evidence) {
    return switch (evidence) {
      case OKS -> oks >= thresholds.successes();
      case ANSWERS -> answers >= thresholds.successes();
      case FAILURES -> failures >= thresholds.failures();
      case TROUBLE -> trouble >= thresholds.failures();
      case UNKNOWNS -> unknowns >= thresholds.failures();
      case OK, DEGRADED, FAILED -> true;
    };
  }

  private HealthTransition moveTo(HealthStatus next, HealthOutcome outcome) {
    Instant now = clock.instant();
    HealthTransition transition = new HealthTransition(status, next, now, since, failures, oks,
        lastError, outcome);
    status = next;
    since = now;
    lastTransition = transition;
    return transition;
  }

  public HealthStatus status() {
    return status;
  }

  /** When the current status began. */
  public Instant since() {
    return since;
  }

  public int consecutiveFailures() {
    return failures;
  }

  public int consecutiveSuccesses() {
    return oks;
  }

  /** The last failed outcome's error, or null when none was seen. */
  public String lastError() {
    return lastError;
  }

  public HealthSnapshot snapshot() {
    return new HealthSnapshot(status, since, failures, oks, lastError, lastErrorAt, lastTransition);
  }
}
