package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.observe.TaskMeters;
import io.vigil.domain.Degraded;
import io.vigil.domain.RetryPolicy;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;
import io.vigil.domain.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Records outcomes with the backend in batches: while one ack (or fail) call is under way, the next outcomes
 * wait and go together in the following call, so batches grow exactly as fast as the backend is slow. If a call
 * fails the outcomes are retried until their lease deadline; after that the lease is reaped and the task runs
 * again (at-least-once). Confined to one event-loop context; every wait is on {@link Timers}.
 */
final class Settler {
  private static final Logger LOG = LoggerFactory.getLogger(Settler.class);
  private static final long RETRY_DELAY_MS = 200;

  private record Done(ClaimedTask claimed, String result, Degraded degraded) {}

  private record Failed(ClaimedTask claimed, FailureReport report) {}

  private final Timers timers;
  private final QueueBackend backend;
  private final Clock clock;
  private final DoubleSupplier random;
  private final int maxBatch;
  private final Consumer<SettledBatch> onSettled;
  private final ArrayDeque<Done> acks = new ArrayDeque<>();
  private final ArrayDeque<Failed> fails = new ArrayDeque<>();
  private boolean ackInFlight;
  private boolean failInFlight;
  private boolean flushScheduled;
  /** A call failed: the next flush waits for the retry timer instead of hammering the backend. */
  private boolean backingOff;
  private Promise<Void> drained;
  /** The runner's room, claimed in the ack's own call; none until {@link #claimWith}. */
  private ClaimRider rider;

  Settler(Timers timers, QueueBackend backend, Clock clock, DoubleSupplier random, int maxBatch,
          Consumer<SettledBatch> onSettled) {
    this.timers = timers;
    this.backend = backend;
    this.clock = clock;
    this.random = random;
    this.maxBatch = maxBatch;
    this.onSettled = onSettled;
  }

  /** Each ack call carries a claim for the runner's free room when it offers one ({@link QueueBackend#ackAndClaim}). */
  void claimWith(ClaimRider rider) {
    this.rider = rider;
  }

  void succeeded(ClaimedTask claimed, String result) {
    succeeded(claimed, result, null);
  }

  /** @param degraded set when the result came from a fallback or a cache: the stored task keeps the mark */
  void succeeded(ClaimedTask claimed, String result, Degraded degraded) {
    acks.add(new Done(claimed, result, degraded));
    scheduleFlush();
  }

  void failed(ClaimedTask claimed, TaskOutcome.Failed failure, RetryPolicy policy) {
    Task task = claimed.task();
    RetryPolicy.Decision decision = policy.decide(task.attempts(), task.maxAttempts(), failure.kind(), clock.instant(), random);
    Instant retryAt = decision instanceof RetryPolicy.Decision.Retry retry ? retry.at() : null;
    if (retryAt != null) TaskMeters.get().retried(task);
    fails.add(new Failed(claimed, new FailureReport(claimed.lease(), failure.error(), retryAt)));
    scheduleFlush();
  }

  /** Completes once every recorded outcome has been sent and answered. */
  Future<Void> drain() {
    if (idle()) return Future.succeededFuture();
    if (drained == null) drained = Promise.promise();
    scheduleFlush();
    return drained.future();
  }

  int pending() {
    return acks.size() + fails.size();
  }

  private boolean idle() {
    return acks.isEmpty() && fails.isEmpty() && !ackInFlight && !failInFlight;
  }

  private void scheduleFlush() {
    if (flushScheduled || backingOff) return;
    flushScheduled = true;
    timers.defer(() -> {
      flushScheduled = false;
      flushAcks();
      flushFails();
    });
  }

  private void flushAcks() {
    if (ackInFlight || acks.isEmpty()) return;
    List<Done> batch = take(acks);
    ackInFlight = true;
    List<Completion> completions = batch.stream()
        .map(d -> new Completion(d.claimed().lease(), d.result(), d.degraded())).toList();
    ClaimRequest claim = rider == null ? null : rider.offer();
    Future<WithClaim<Settlement>> call = claim == null ? backend.ack(completions).map(WithClaim::notMade)
        : backend.ackAndClaim(completions, claim);
    call.onComplete(result -> {
      ackInFlight = false;
      if (result.succeeded()) {
        Settlement settled = result.result().result();
        Instant now = settled.at(); // the instant the backend recorded: history must read the same
        List<Task> finished = new ArrayList<>(batch.size());
        for (Done done : batch) {
          if (!settled.isRefused(done.claimed().task().id())) {
            finished.add(done.claimed().task().completed(done.result(), done.degraded(), now));
          }
        }
        onSettled.accept(new SettledBatch(finished, List.of(), settled.refusedTaskIds()));
      } else {
        requeue(batch, acks, d -> d.claimed(), result.cause());
      }
      if (claim != null) rider.answered(claim, result); // after the settled facts: claimed tasks start next
      afterCall();
    });
  }

  private void flushFails() {
    if (failInFlight || fails.isEmpty()) return;
    List<Failed> batch = take(fails);
    failInFlight = true;
    backend.fail(batch.stream().map(Failed::report).toList())
        .onComplete(result -> {
          failInFlight = false;
          if (result.succeeded()) {
            Instant now = result.result().at();
            List<Task> dead = new ArrayList<>();
            for (Failed failed : batch) {
              if (failed.report().deadLetter() && !result.result().isRefused(failed.claimed().task().id())) {
                dead.add(failed.claimed().task().dead(failed.report().error(), now));
              }
            }
            onSettled.accept(new SettledBatch(dead, dead, result.result().refusedTaskIds()));
          } else {
            requeue(batch, fails, Failed::claimed, result.cause());
          }
          afterCall();
        });
  }

  private <T> List<T> take(ArrayDeque<T> from) {
    List<T> batch = new ArrayList<>(Math.min(from.size(), maxBatch));
    while (batch.size() < maxBatch && !from.isEmpty()) batch.add(from.poll());
    return batch;
  }

  /** Puts a failed call's outcomes back to try again, except those whose lease has run out anyway. */
  private <T> void requeue(List<T> batch, ArrayDeque<T> into, Function<T, ClaimedTask> claimOf,
                           Throwable cause) {
    Instant now = clock.instant();
    int kept = 0;
    for (int i = batch.size() - 1; i >= 0; i--) {
      if (claimOf.apply(batch.get(i)).leaseDeadline().isAfter(now)) {
        into.addFirst(batch.get(i));
        kept++;
      }
    }
    LOG.warn("settling {} outcomes failed ({}); {} retried in {} ms, {} left to lease expiry", batch.size(),
        cause.getMessage(), kept, RETRY_DELAY_MS, batch.size() - kept);
    if (kept > 0 && !backingOff) {
      backingOff = true;
      timers.schedule(RETRY_DELAY_MS, () -> {
        backingOff = false;
        scheduleFlush();
      });
    }
  }

  private void afterCall() {
    if (!acks.isEmpty() || !fails.isEmpty()) {
      scheduleFlush();
    } else if (idle() && drained != null) {
      Promise<Void> done = drained;
      drained = null;
      done.complete();
    }
  }
}
