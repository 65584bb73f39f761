package io.vigil.queue;

import io.vertx.core.Future;
import io.vigil.domain.QueueStats;
import io.vigil.domain.Task;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend behind switches that make chosen calls fail as a lost connection would, and counters of what was
 * asked. Everything else passes through.
 */
final class FlakyBackend implements QueueBackend {
  private final QueueBackend real;
  /** Acks still to fail before they pass again. */
  final AtomicInteger acksToFail = new AtomicInteger();
  volatile boolean failExtensions;
  volatile boolean failEnqueues;
  final AtomicInteger extensionsAsked = new AtomicInteger();
  final AtomicInteger extensionsFailed = new AtomicInteger();
  final AtomicInteger acksAsked = new AtomicInteger();

  FlakyBackend(QueueBackend real) {
    this.real = real;
  }

  private static <T> Future<T> lost() {
    return Future.failedFuture(new IOException("connection lost (scripted)"));
  }

  @Override
  public String name() {
    return "flaky-" + real.name();
  }

  @Override
  public Future<EnqueueResult> enqueue(List<NewTask> tasks) {
    return failEnqueues ? lost() : real.enqueue(tasks);
  }

  @Override
  public Future<List<ClaimedTask>> claim(String queue, int max, Duration lease) {
    return real.claim(queue, max, lease);
  }

  @Override
  public Future<Settlement> ack(List<Completion> completions) {
    acksAsked.incrementAndGet();
    if (acksToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return lost();
    return real.ack(completions);
  }

  @Override
  public Future<Settlement> fail(List<FailureReport> failures) {
    return real.fail(failures);
  }

  @Override
  public Future<Optional<Instant>> extendLease(Lease lease, Duration extension) {
    extensionsAsked.incrementAndGet();
    if (failExtensions) {
      extensionsFailed.incrementAndGet();
      return lost();
    }
    return real.extendLease(lease, extension);
  }

  @Override
  public Future<Settlement> release(List<Lease> leases) {
    return real.release(leases);
  }

  @Override
  public Future<List<Task>> reapExpiredLeases(int max) {
    return real.reapExpiredLeases(max);
  }

  @Override
  public Future<Integer> promoteDue(String queue, int max) {
    return real.promoteDue(queue, max);
  }

  @Override
  public Future<CancelResult> cancel(String taskId) {
    return real.cancel(taskId);
  }

  @Override
  public Future<Boolean> pause(String queue) {
    return real.pause(queue);
  }

  @Override
  public Future<Boolean> resume(String queue) {
    return real.resume(queue);
  }

  @Override
  public Future<List<Task>> deadLetters(String queue, int limit) {
    return real.deadLetters(queue, limit);
  }

  @Override
  public Future<List<Task>> replay(String queue, List<String> ids) {
    return real.replay(queue, ids);
  }

  @Override
  public Future<Integer> purgeDeadLetters(String queue) {
    return real.purgeDeadLetters(queue);
  }

  @Override
  public Future<Optional<Task>> get(String taskId) {
    return real.get(taskId);
  }

  @Override
  public Future<List<Task>> list(TaskQuery query) {
    return real.list(query);
  }

  @Override
  public Future<QueueStats> stats(String queue) {
    return real.stats(queue);
  }

  @Override
  public Future<Void> ping() {
    return real.ping();
  }

  @Override
  public Future<Void> close() {
    return real.close();
  }
}
