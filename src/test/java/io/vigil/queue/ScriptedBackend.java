package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.domain.QueueStats;
import io.vigil.domain.Task;
import io.vigil.queue.memory.MemoryQueueBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The memory backend with a recorder and a script in front: every claim, ack, fail, release and lease extension is
 * recorded, and the next ack, fail, claim, enqueue or lease extension calls can be told to fail or to hold until the
 * test lets them through. Everything else goes straight to the memory backend, so the queue behaves for real.
 */
final class ScriptedBackend implements QueueBackend {
  /** How a scripted call answers. */
  enum Answer { PASS, FAIL, HOLD }

  final MemoryQueueBackend memory;
  final List<Integer> claimsAsked = new ArrayList<>();
  final List<List<Completion>> acks = new ArrayList<>();
  final List<Instant> ackTimes = new ArrayList<>();
  final List<List<FailureReport>> fails = new ArrayList<>();
  final List<List<Lease>> releases = new ArrayList<>();
  final List<Lease> extensions = new ArrayList<>();
  final Deque<Answer> ackScript = new ArrayDeque<>();
  final Deque<Answer> failScript = new ArrayDeque<>();
  final Deque<Answer> claimScript = new ArrayDeque<>();
  final Deque<Answer> enqueueScript = new ArrayDeque<>();
  final Deque<Answer> extendScript = new ArrayDeque<>();
  /** The answer when a script is empty. */
  Answer ackOtherwise = Answer.PASS;
  Answer claimOtherwise = Answer.PASS;
  Answer extendOtherwise = Answer.PASS;
  private final List<Runnable> held = new ArrayList<>();
  private final Clock clock;

  ScriptedBackend(Clock clock, BackendSettings settings) {
    this.clock = clock;
    this.memory = new MemoryQueueBackend(clock, settings);
  }

  @Override
  public void reconfigure(BackendSettings settings, java.util.Map<String, Double> ratePerSecondByQueue) {
    memory.reconfigure(settings, ratePerSecondByQueue);
  }

  /** Lets every held call through to the memory backend, in the order they came. */
  void releaseHeld() {
    List<Runnable> now = new ArrayList<>(held);
    held.clear();
    now.forEach(Runnable::run);
  }

  int heldCalls() {
    return held.size();
  }

  private <T> Future<T> scripted(Deque<Answer> script, Answer otherwise, Supplier<Future<T>> call) {
    Answer answer = script.isEmpty() ? otherwise : script.poll();
    return switch (answer) {
      case PASS -> call.get();
      case FAIL -> Future.failedFuture("scripted failure: connection reset");
      case HOLD -> {
        Promise<T> later = Promise.promise();
        held.add(() -> call.get().onComplete(later));
        yield later.future();
      }
    };
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Future<EnqueueResult> enqueue(List<NewTask> tasks) {
    return scripted(enqueueScript, Answer.PASS, () -> memory.enqueue(tasks));
  }

  @Override
  public Future<List<ClaimedTask>> claim(String queue, int max, Duration lease) {
    claimsAsked.add(max);
    return scripted(claimScript, claimOtherwise, () -> memory.claim(queue, max, lease));
  }

  @Override
  public Future<Settlement> ack(List<Completion> completions) {
    acks.add(List.copyOf(completions));
    ackTimes.add(clock.instant());
    return scripted(ackScript, ackOtherwise, () -> memory.ack(completions));
  }

  /** Off: the SPI's default, which makes no claim in an enqueue's or an ack's call (the runner claims on its own). */
  boolean claimsInTheSameCall;
  /** The claims that rode on enqueue and ack calls: how many tasks each asked for. */
  final List<Integer> claimsRidden = new ArrayList<>();

  @Override
  public Future<WithClaim<EnqueueResult>> enqueueAndClaim(List<NewTask> tasks, ClaimRequest claim) {
    if (!claimsInTheSameCall) return QueueBackend.super.enqueueAndClaim(tasks, claim);
    claimsRidden.add(claim.max());
    return scripted(enqueueScript, Answer.PASS, () -> memory.enqueueAndClaim(tasks, claim));
  }

  @Override
  public Future<WithClaim<Settlement>> ackAndClaim(List<Completion> completions, ClaimRequest claim) {
    if (!claimsInTheSameCall) return QueueBackend.super.ackAndClaim(completions, claim);
    acks.add(List.copyOf(completions));
    ackTimes.add(clock.instant());
    claimsRidden.add(claim.max());
    return scripted(ackScript, ackOtherwise, () -> memory.ackAndClaim(completions, claim));
  }

  @Override
  public Future<Settlement> fail(List<FailureReport> failures) {
    fails.add(List.copyOf(failures));
    return scripted(failScript, Answer.PASS, () -> memory.fail(failures));
  }

  @Override
  public Future<Optional<Instant>> extendLease(Lease lease, Duration extension) {
    extensions.add(lease);
    return scripted(extendScript, extendOtherwise, () -> memory.extendLease(lease, extension));
  }

  @Override
  public Future<Settlement> release(List<Lease> leases) {
    releases.add(List.copyOf(leases));
    return memory.release(leases);
  }

  @Override
  public Future<List<Task>> reapExpiredLeases(int max) {
    return memory.reapExpiredLeases(max);
  }

  @Override
  public Future<Integer> promoteDue(String queue, int max) {
    return memory.promoteDue(queue, max);
  }

  @Override
  public Future<CancelResult> cancel(String taskId) {
    return memory.cancel(taskId);
  }

  @Override
  public Future<CancelResult> cancelLeased(Lease lease) {
    return memory.cancelLeased(lease);
  }

  @Override
  public Future<Boolean> pause(String queue) {
    return memory.pause(queue);
  }

  @Override
  public Future<Boolean> resume(String queue) {
    return memory.resume(queue);
  }

  @Override
  public Future<List<Task>> deadLetters(String queue, int limit) {
    return memory.deadLetters(queue, limit);
  }

  @Override
  public Future<List<Task>> replay(String queue, List<String> ids) {
    return memory.replay(queue, ids);
  }

  @Override
  public Future<Integer> purgeDeadLetters(String queue) {
    return memory.purgeDeadLetters(queue);
  }

  @Override
  public Future<Optional<Task>> get(String taskId) {
    return memory.get(taskId);
  }

  @Override
  public Future<List<Task>> list(TaskQuery query) {
    return memory.list(query);
  }

  @Override
  public Future<QueueStats> stats(String queue) {
    return memory.stats(queue);
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return memory.close();
  }
}
