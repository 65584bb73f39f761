package io.vigil.store;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Deletes what is past its retention, table by table, a small batch per statement so no statement holds many locks
 * or runs long: audit events, task history, resolved alarms (with their timelines), ended silences, finished
 * notifications, recovery attempts and probe roll-ups. Open alarms, live silences and unsent notifications are never
 * deleted. A run stops after {@code maxBatches} per table; the next run carries on.
 */
public final class RetentionJob {
  /** Rows deleted by one run, by table (every table, in the order they ran). */
  public record Result(Map<String, Integer> deleted) {
    public Result {
      deleted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
    }

    public int of(String table) {
      return deleted.getOrDefault(table, 0);
    }

    public int total() {
      return deleted.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** One table: rows older than {@code keep} go, {@code delete(cutoff, max)} at a time. */
  private record Rule(String table, Duration keep, BiFunction<Instant, Integer, Future<Integer>> delete) {}

  private final List<Rule> rules;
  private final Clock clock;
  private final int batch;
  private final int maxBatches;

  public RetentionJob(Stores stores, Clock clock, RetentionPolicy policy, int batch, int maxBatches) {
    this.rules = List.of(
        new Rule("audit_events", policy.audit(), stores.audit()::deleteEventsBefore),
        new Rule("tasks", policy.tasks(), stores.history()::deleteTasksBefore),
        new Rule("alarms", policy.alarms(), stores.alarms()::deleteResolvedBefore),
        new Rule("silences", policy.alarms(), stores.silences()::deleteEndedBefore),
        new Rule("notification_outbox", policy.notifications(), stores.outbox()::deleteFinishedBefore),
        new Rule("recovery_attempts", policy.recovery(), stores.recovery()::deleteStartedBefore),
        new Rule("probe_rollups", policy.rollups(), stores.rollups()::deleteBefore));
    this.clock = clock;
    this.batch = batch;
    this.maxBatches = maxBatches;
  }

  public Future<Result> run() {
    Instant now = clock.instant();
    Map<String, Integer> deleted = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Rule rule : rules) {
      chain = chain.compose(v -> deleteAll(rule.delete(), now.minus(rule.keep()), 0, 0)
          .map(n -> {
            deleted.put(rule.table(), n);
            return null;
          }));
    }
    return chain.map(v -> new Result(deleted));
  }

  private Future<Integer> deleteAll(BiFunction<Instant, Integer, Future<Integer>> delete, Instant cutoff,
                                    int deletedSoFar, int batches) {
    if (batches >= maxBatches) return Future.succeededFuture(deletedSoFar);
    return delete.apply(cutoff, batch).compose(deleted -> deleted < batch
        ? Future.succeededFuture(deletedSoFar + deleted)
        : deleteAll(delete, cutoff, deletedSoFar + deleted, batches + 1));
  }
}
