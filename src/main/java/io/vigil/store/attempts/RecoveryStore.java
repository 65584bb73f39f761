package io.vigil.store.attempts;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recovery attempts, written by the recovery verticle as they start and end (not batched: a few a minute at most),
 * read by the API and the stats. Contract: {@code RecoveryStoreContract}.
 */
public interface RecoveryStore {

  /** Inserts the attempt, or replaces the stored one with its id (a running attempt that ended). */
  Future<Void> save(RecoveryAttempt attempt);

  Future<Optional<RecoveryAttempt>> find(String id);

  /** Newest first by (started at, id). */
  Future<List<RecoveryAttempt>> list(AttemptQuery query);

  /**
   * Totals, rates and the mean time to recover over attempts started at or after {@code since}, computed by the
   * store where the rows are (pg: aggregate SQL over the started-at index; memory: over its bounded rows), with the
   * newest {@code recentFailures} failed attempts.
   */
  Future<RecoveryStats> stats(Instant since, int recentFailures);

  /** Deletes at most {@code max} attempts started before {@code cutoff}. */
  Future<Integer> deleteStartedBefore(Instant cutoff, int max);
}
