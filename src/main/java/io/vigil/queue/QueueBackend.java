package io.vigil.queue;

import io.vertx.core.Future;
import io.vigil.domain.QueueStats;
import io.vigil.domain.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where tasks wait, are leased and finish. One contract ({@code QueueBackendContract}) holds for every
 * implementation. Time comes from the backend's {@link java.time.Clock}, never from the store's own clock, so
 * tests drive it. Every method is non-blocking.
 *
 * <p>Delivery is at-least-once: a claim hands out a lease with a token; only the holder of a live token may
 * ack, fail, extend or release it. A lease that is not settled before its deadline is reaped: the attempt
 * counts and the task waits again (or is dead when it has no attempts left).
 */
public interface QueueBackend {

  /** Short name for logs and health: {@code memory}, {@code redis}. */
  String name();

  /**
   * Takes reloaded per-queue settings (retention, and the cluster-wide rate limit where the backend enforces one)
   * for the calls that start from now on; a queue new to the settings is known from now on.
   */
  void reconfigure(BackendSettings settings, Map<String, Double> ratePerSecondByQueue);

  /**
   * Adds a batch atomically. A task whose idempotency key was seen in its queue within the window comes back
   * as a duplicate of the original when the fingerprints match. If any key matches with a different
   * fingerprint, nothing at all is added and the result lists the conflicts.
   */
  Future<EnqueueResult> enqueue(List<NewTask> tasks);

  /**
   * Promotes due delayed tasks, then leases up to {@code max} waiting tasks of {@code queue}: highest priority
   * first, then oldest ready time. Each comes back active with its attempt counted. A paused queue yields none.
   */
  Future<List<ClaimedTask>> claim(String queue, int max, Duration lease);

  /** Completes leased tasks; a completion whose lease is no longer held is refused, never applied. */
  Future<Settlement> ack(List<Completion> completions);

  /**
   * {@link #enqueue}, then {@link #claim} as {@code claim} asks, in one round trip where the backend can (issue 14,
   * fix 2): a runner hands its free room to the submission instead of claiming right after it. The claim is made
   * after the tasks are placed, whatever the enqueue answered, under every rule a claim keeps (pause, rate limits,
   * fair-queue groups). When the call fails, what its claim may have leased is given back as for a failed claim.
   * The default makes no claim ({@link WithClaim#claimMade()} false): the caller claims on its own.
   */
  default Future<WithClaim<EnqueueResult>> enqueueAndClaim(List<NewTask> tasks, ClaimRequest claim) {
    return enqueue(tasks).map(WithClaim::notMade);
  }

  /** {@link #ack}, then {@link #claim} as {@code claim} asks, in one round trip where the backend can: as {@link #enqueueAndClaim}. */
  default Future<WithClaim<Settlement>> ackAndClaim(List<Completion> completions, ClaimRequest claim) {
    return ack(completions).map(WithClaim::notMade);
  }

  /** Fails leased tasks: each either waits for its retry time or goes to the dead-letter queue. */
  Future<Settlement> fail(List<FailureReport> failures);

  /** Moves the lease deadline to now + {@code extension}; empty when the lease is no longer held. */
  Future<Optional<Instant>> extendLease(Lease lease, Duration extension);

  /** Gives leased tasks back to the queue without counting the attempt (graceful shutdown). */
  Future<Settlement> release(List<Lease> leases);

  /** Takes back up to {@code max} tasks whose lease deadline has passed; returns them as they are now. */
  Future<List<Task>> reapExpiredLeases(int max);

  /** Moves up to {@code max} due delayed or retrying tasks of {@code queue} to waiting; returns how many. */
  Future<Integer> promoteDue(String queue, int max);

  /** Cancels a waiting task; an active or finished one is {@link CancelResult.NotCancellable}. */
  Future<CancelResult> cancel(String taskId);

  /**
   * Cancels a running task by its lease (the runner, once its handler stopped or the grace period passed): it ends
   * cancelled, not retried. NotCancellable when the lease is no longer held (it expired, or the task settled).
   */
  Future<CancelResult> cancelLeased(Lease lease);

  /** @return true when the queue was running and is now paused */
  Future<Boolean> pause(String queue);

  /** @return true when the queue was paused and now runs */
  Future<Boolean> resume(String queue);

  /** Dead tasks of a queue, oldest death first. */
  Future<List<Task>> deadLetters(String queue, int limit);

  /** Puts dead tasks back to waiting with fresh attempts; all of the queue's when {@code ids} is empty. */
  Future<List<Task>> replay(String queue, List<String> ids);

  /**
   * Recovery's {@code drain-to-dlq}: moves up to {@code max} of the queue's waiting tasks that have been ready since
   * before {@code readyBefore} to its dead letters (replayable like any dead task); returns them as they are now.
   */
  default Future<List<Task>> drainToDeadLetters(String queue, Instant readyBefore, int max) {
    return Future.failedFuture(new UnsupportedOperationException(name() + " cannot drain to dead letters"));
  }

  /** Deletes the queue's dead tasks; returns how many. */
  Future<Integer> purgeDeadLetters(String queue);

  Future<Optional<Task>> get(String taskId);

  /** Tasks the backend still holds, newest first. */
  Future<List<Task>> list(TaskQuery query);

  Future<QueueStats> stats(String queue);

  /**
   * The queue's groups with the most queued tasks, most first (ties in any order), at most {@code limit}. Groups without
   * queued tasks are not listed.
   */
  default Future<List<GroupStats>> groupStats(String queue, int limit) {
    return Future.succeededFuture(List.of());
  }

  /** Succeeds when the backend answers. */
  Future<Void> ping();

  Future<Void> close();

  /**
   * Recovery's {@code reconnect}: closes the backend's connections and opens fresh ones, then answers once the
   * backend does. A backend without connections has nothing to rebuild.
   */
  default Future<Void> reconnect() {
    return ping();
  }
}
