package io.vigil.store;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes audit events and task history past their retention, a small batch per statement so no statement holds
 * many locks or runs long. A run stops after {@code maxBatches} per table; the next run carries on.
 */
public final class RetentionJob {
  /** What one run deleted. */
  public record Result(int events, int tasks) {}

  private final Stores store;
  private final Clock clock;
  private final Duration auditRetention;
  private final Duration taskRetention;
  private final int batch;
  private final int maxBatches;

  public RetentionJob(Stores store, Clock clock, Duration auditRetention, Duration taskRetention, int batch,
                      int maxBatches) {
    this.store = store;
    this.clock = clock;
    this.auditRetention = auditRetention;
    this.taskRetention = taskRetention;
    this.batch = batch;
    this.maxBatches = maxBatches;
  }

  public Future<Result> run() {
    Instant now = clock.instant();
    Instant eventCutoff = now.minus(auditRetention);
    Instant taskCutoff = now.minus(taskRetention);
    return deleteAll(cutoff -> store.audit().deleteEventsBefore(cutoff, batch), eventCutoff, 0, 0)
        .compose(events -> deleteAll(cutoff -> store.history().deleteTasksBefore(cutoff, batch), taskCutoff, 0, 0)
            .map(tasks -> new Result(events, tasks)));
  }

  private Future<Integer> deleteAll(java.util.function.Function<Instant, Future<Integer>> delete, Instant cutoff,
                                    int deletedSoFar, int batches) {
    if (batches >= maxBatches) return Future.succeededFuture(deletedSoFar);
    return delete.apply(cutoff).compose(deleted -> deleted < batch
        ? Future.succeededFuture(deletedSoFar + deleted)
        : deleteAll(delete, cutoff, deletedSoFar + deleted, batches + 1));
  }
}
