package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.store.attempts.AttemptOutcome;
import io.vigil.store.attempts.AttemptQuery;
import io.vigil.store.attempts.RecoveryAttempt;
import io.vigil.store.attempts.RecoveryStats;
import io.vigil.store.attempts.RecoveryStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import static io.vigil.store.memory.Calls.call;

/** Recovery attempts on the heap, bounded (the oldest-started goes); stats are computed over the kept rows. */
final class MemoryRecoveryStore implements RecoveryStore {
  private static final Comparator<RecoveryAttempt> NEWEST_FIRST =
      Comparator.comparing(RecoveryAttempt::startedAt).thenComparing(RecoveryAttempt::id).reversed();

  private final MemoryBackend backend;
  private final Map<String, RecoveryAttempt> attempts = new HashMap<>();

  MemoryRecoveryStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<Void> save(RecoveryAttempt attempt) {
    return call(() -> {
      attempts.put(attempt.id(), attempt);
      while (attempts.size() > backend.maxRows()) {
        attempts.values().stream().min(NEWEST_FIRST.reversed()).ifPresent(oldest -> attempts.remove(oldest.id()));
        backend.evictedOne();
      }
      return null;
    });
  }

  @Override
  public synchronized Future<Optional<RecoveryAttempt>> find(String id) {
    return Future.succeededFuture(Calls.byId(attempts, id));
  }

  @Override
  public synchronized Future<List<RecoveryAttempt>> list(AttemptQuery query) {
    return Future.succeededFuture(attempts.values().stream()
        .filter(a -> query.component() == null || query.component().equals(a.component()))
        .filter(a -> query.success() == null || query.success().equals(a.success()))
        .sorted(NEWEST_FIRST).limit(query.limit()).toList());
  }

  @Override
  public synchronized Future<RecoveryStats> stats(Instant since, int recentFailures) {
    List<RecoveryAttempt> window = attempts.values().stream().filter(a -> !a.startedAt().isBefore(since)).toList();
    long succeeded = count(window, AttemptOutcome.SUCCEEDED);
    long failed = count(window, AttemptOutcome.FAILED);
    long running = count(window, AttemptOutcome.RUNNING);
    return Future.succeededFuture(new RecoveryStats(window.size(), succeeded, failed, running,
        succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed), meanTimeToRecover(window),
        breakdown(window, RecoveryAttempt::action), breakdown(window, RecoveryAttempt::component),
        window.stream().filter(a -> a.outcome() == AttemptOutcome.FAILED).sorted(NEWEST_FIRST).limit(recentFailures)
            .toList()));
  }

  /** Per run that healed: from its first attempt's start to the end of its first successful attempt. */
  private static Double meanTimeToRecover(List<RecoveryAttempt> window) {
    Map<String, Instant> began = new HashMap<>();
    Map<String, Instant> healed = new HashMap<>();
    for (RecoveryAttempt a : window) {
      String run = a.runId() == null ? a.id() : a.runId();
      began.merge(run, a.startedAt(), (x, y) -> x.isBefore(y) ? x : y);
      if (a.outcome() == AttemptOutcome.SUCCEEDED) {
        healed.merge(run, a.startedAt().plusMillis(a.durationMs() == null ? 0 : a.durationMs()),
            (x, y) -> x.isBefore(y) ? x : y);
      }
    }
    return healed.isEmpty() ? null : healed.entrySet().stream()
        .mapToLong(e -> e.getValue().toEpochMilli() - began.get(e.getKey()).toEpochMilli()).average().orElseThrow();
  }

  private static Map<String, RecoveryStats.Counts> breakdown(List<RecoveryAttempt> window,
                                                            Function<RecoveryAttempt, String> key) {
    Map<String, RecoveryStats.Counts> counts = new TreeMap<>();
    for (RecoveryAttempt a : window) {
      counts.merge(key.apply(a), new RecoveryStats.Counts(1, a.outcome() == AttemptOutcome.SUCCEEDED ? 1 : 0,
              a.outcome() == AttemptOutcome.FAILED ? 1 : 0),
          (x, y) -> new RecoveryStats.Counts(x.total() + y.total(), x.succeeded() + y.succeeded(),
              x.failed() + y.failed()));
    }
    return counts;
  }

  private static long count(List<RecoveryAttempt> window, AttemptOutcome outcome) {
    return window.stream().filter(a -> a.outcome() == outcome).count();
  }

  @Override
  public synchronized Future<Integer> deleteStartedBefore(Instant cutoff, int max) {
    List<RecoveryAttempt> old = attempts.values().stream().filter(a -> a.startedAt().isBefore(cutoff))
        .sorted(NEWEST_FIRST.reversed()).limit(max).toList();
    old.forEach(a -> attempts.remove(a.id()));
    return Future.succeededFuture(old.size());
  }
}
