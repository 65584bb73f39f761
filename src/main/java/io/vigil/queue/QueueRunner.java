package io.vigil.queue;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.config.QueueConfig;
import io.vigil.config.QueueSlice;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.Jitter;
import io.vigil.domain.RetryPolicy;
import io.vigil.domain.TaskOutcome;
import io.vigil.domain.Timers;
import io.vigil.domain.TokenBucket;
import io.vigil.observe.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Consumes one queue on one node: claims in batches while there is room under the concurrency limit and tokens
 * in the rate limit, runs each task, hands outcomes to the {@link Settler}, and keeps leases alive while handlers
 * run. Up to two claims are under way at a time, each for at most half the concurrency, so a remote backend's
 * round trip is hidden behind the other claim's work; completions re-trigger claiming through the event loop,
 * never by recursion. An idle runner looks for work every {@code queue.idle_poll_ms} times the nodes that poll the
 * queue, so a cluster asks the backend as often as one node. Confined to one event-loop context; every wait is on
 * {@link Timers}.
 */
final class QueueRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QueueRunner.class);
  private static final RetryPolicy UNKNOWN_TYPE = new RetryPolicy(Duration.ZERO, 1, Duration.ZERO, Jitter.NONE);
  private static final long MAX_ERROR_BACKOFF_MS = 2_000;
  private static final int MAX_CLAIMS_IN_FLIGHT = 2;
  static final String EXTENSION_FAILURES = "vigil_queue_lease_extension_failures";

  /** A running task and its current lease deadline. */
  private static final class Running {
    final ClaimedTask claimed;
    Instant deadline;
    /** Completed (with the reason) to tell the handler to stop: an operator's cancel, or the attempt's timeout. */
    final Promise<String> stop = Promise.promise();
    /** Set when an operator cancelled it: however the handler ends, the task ends cancelled. */
    String cancelledBy;
    String reason;
    long graceTimer = -1;

    Running(ClaimedTask claimed) {
      this.claimed = claimed;
      this.deadline = claimed.leaseDeadline();
    }
  }

  private final Timers timers;
  private QueueConfig queue;
  private final Supplier<QueueSlice> config;
  private final QueueBackend backend;
  private final TaskExecutor executor;
  private final Settler settler;
  private final Clock clock;
  private TokenBucket bucket;
  private final BackendHealth health;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private boolean consuming;
  private int claimsInFlight;
  /** Tasks asked for by the claims under way: room they may fill. */
  private int askedInFlight;
  private boolean pumpScheduled;
  private long idleTimer = -1;
  private long leaseTimer = -1;
  private int consecutiveErrors;
  private long extensionFailures;
  private boolean extensionFailing;
  private final Runnable countExtensionFailure;
  private Promise<Void> emptied;
  private Cancelled onCancelled = (task, actor, reason) -> { };
  private final ClaimRider submissions = new Rider(true);
  private final ClaimRider acks = new Rider(false);
  /** How many nodes poll this queue: each waits idle_poll_ms times this, so N nodes poll as often as one. */
  private final IntSupplier pollers;

  /** Hears a running task that ended cancelled (the queue publishes the fact and writes history). */
  interface Cancelled {
    void cancelled(io.vigil.domain.Task task, String actor, String reason);
  }

  QueueRunner(Timers timers, QueueConfig queue, Supplier<QueueSlice> config, QueueBackend backend, TaskExecutor executor,
              Settler settler, Clock clock, BackendHealth health) {
    this(timers, queue, config, backend, executor, settler, clock, health, () -> 1);
  }

  /** @param pollers how many nodes poll this queue (the cluster's Vigil nodes; 1 alone) */
  QueueRunner(Timers timers, QueueConfig queue, Supplier<QueueSlice> config, QueueBackend backend, TaskExecutor executor,
              Settler settler, Clock clock, BackendHealth health, IntSupplier pollers) {
    this.pollers = pollers;
    this.timers = timers;
    this.queue = queue;
    this.config = config;
    this.backend = backend;
    this.executor = executor;
    this.settler = settler;
    this.clock = clock;
    this.health = health;
    this.countExtensionFailure = Meters.counter(EXTENSION_FAILURES,
        "lease extensions of running tasks that failed (the backend did not answer)", "queue", queue.name());
    this.bucket = bucketFor(queue);
  }

  private TokenBucket bucketFor(QueueConfig q) {
    return q.rateLimited() ? new TokenBucket(q.rateLimitPerSecond(), Math.max(1, q.rateLimitPerSecond()), clock) : null;
  }

  /**
   * Takes a reloaded queue's settings without stopping: concurrency and rate limit apply from the next claim, a new
   * lease length from the next claim and the next extension. Running tasks go on.
   */
  void reconfigure(QueueConfig next) {
    if (next.equals(queue)) return;
    QueueConfig previous = queue;
    queue = next;
    if (next.rateLimitPerSecond() != previous.rateLimitPerSecond()) bucket = bucketFor(next);
    if (next.extendLeases() != previous.extendLeases() || !next.lease().equals(previous.lease())) {
      stopLeaseTimer();
      if (consuming) startLeaseTimer();
    }
    if (consuming) {
      cancelIdleTimer();
      schedulePump();
    }
  }

  String name() {
    return queue.name();
  }

  void onCancelled(Cancelled listener) {
    this.onCancelled = listener;
  }

  /**
   * Stops a task this runner runs: its handler is told at once ({@code TaskContext.cancellation()}); when it stops,
   * whatever its outcome, the task ends cancelled. A handler still running after {@code grace} is given up: the task
   * is cancelled in the backend then (its lease ends, so nobody runs it again) and the late outcome is dropped.
   *
   * @return false when this runner does not run the task
   */
  boolean cancel(String taskId, String actor, String reason, Duration grace) {
    Running run = running.get(taskId);
    if (run == null) return false;
    if (run.cancelledBy != null) return true;
    run.cancelledBy = actor;
    run.reason = reason;
    run.stop.tryComplete("cancelled by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason));
    run.graceTimer = timers.schedule(Math.max(1, grace.toMillis()), () -> {
      run.graceTimer = -1;
      if (running.get(taskId) != run) return;
      LOG.warn("queue {}: task {} did not stop within {} ms of its cancel; cancelled without waiting for it",
          queue.name(), taskId, grace.toMillis());
      removed(run);
      cancelInBackend(run, 0);
    });
    return true;
  }

  int inFlight() {
    return running.size();
  }

  /** Lease extensions that failed since start (also {@code vigil_queue_lease_extension_failures_total}). */
  long leaseExtensionFailures() {
    return extensionFailures;
  }

  /** Starts or stops claiming; tasks already running go on either way. */
  void setConsuming(boolean on) {
    if (consuming == on) return;
    consuming = on;
    if (on) {
      startLeaseTimer();
      schedulePump();
    } else {
      cancelIdleTimer();
    }
  }

  /** New work was submitted to this queue here: look now rather than at the next idle poll. */
  void wake() {
    if (consuming && idleTimer >= 0) {
      cancelIdleTimer();
      schedulePump();
    }
  }

  /** Completes when no task is running, or fails after {@code grace}. */
  Future<Void> awaitIdle(Duration grace) {
    if (running.isEmpty()) return Future.succeededFuture();
    if (emptied == null) emptied = Promise.promise();
    Promise<Void> waiting = emptied;
    long timer = timers.schedule(Math.max(1, grace.toMillis()),
        () -> waiting.tryFail("tasks still running after " + grace.toMillis() + " ms"));
    return waiting.future().onComplete(done -> timers.cancel(timer));
  }

  /** Gives the leases of still-running tasks back to the queue; their late outcomes are dropped. */
  Future<Settlement> releaseRunning() {
    if (running.isEmpty()) return Future.succeededFuture(Settlement.none());
    List<Lease> leases = running.values().stream().map(r -> r.claimed.lease()).toList();
    running.clear();
    LOG.info("queue {}: releasing {} running tasks", queue.name(), leases.size());
    return backend.release(leases);
  }

  void stop() {
    setConsuming(false);
    stopLeaseTimer();
  }

  private void startLeaseTimer() {
    if (queue.extendLeases() && leaseTimer < 0) scheduleLeaseCheck();
  }

  private void stopLeaseTimer() {
    if (leaseTimer >= 0) {
      timers.cancel(leaseTimer);
      leaseTimer = -1;
    }
  }

  private void schedulePump() {
    if (pumpScheduled) return;
    pumpScheduled = true;
    timers.defer(() -> {
      pumpScheduled = false;
      pump();
    });
  }

  private void pump() {
    if (idleTimer >= 0) return;
    int asked = reserve(true);
    if (asked > 0) backend.claim(queue.name(), asked, queue.lease()).onComplete(result -> claimed(asked, result));
  }

  /**
   * Takes room for one claim (under the concurrency, the claims in flight and the local rate limit) and counts it in
   * flight; answers how many tasks it may ask for, 0 when none. An empty rate bucket sets the idle timer when
   * {@code waitForTokens}.
   */
  private int reserve(boolean waitForTokens) {
    if (!consuming || claimsInFlight >= MAX_CLAIMS_IN_FLIGHT) return 0;
    int room = queue.concurrency() - running.size() - askedInFlight;
    if (room <= 0) return 0;
    int want = Math.min(Math.min(room, config.get().queue().claimBatch()),
        Math.max(1, queue.concurrency() / MAX_CLAIMS_IN_FLIGHT));
    if (bucket != null) {
      int granted = bucket.take(want);
      if (granted == 0) {
        if (waitForTokens) scheduleIdle(Math.max(1, bucket.untilNextToken().toMillis()));
        return 0;
      }
      want = granted;
    }
    claimsInFlight++;
    askedInFlight += want;
    return want;
  }

  /** The answer of a claim that asked for {@code asked}: its tasks start; an empty queue or an error waits. */
  private void claimed(int asked, AsyncResult<List<ClaimedTask>> result) {
    claimsInFlight--;
    askedInFlight -= asked;
    if (result.failed()) {
      if (bucket != null) bucket.giveBack(asked);
      health.failed(result.cause());
      consecutiveErrors++;
      long backoff = Math.min(MAX_ERROR_BACKOFF_MS, config.get().queue().idlePoll().toMillis() << Math.min(consecutiveErrors, 6));
      if (consecutiveErrors == 1) LOG.warn("queue {}: claim failed: {}", queue.name(), result.cause().getMessage());
      scheduleIdle(backoff);
      return;
    }
    consecutiveErrors = 0;
    List<ClaimedTask> claimed = result.result();
    if (bucket != null && claimed.size() < asked) bucket.giveBack(asked - claimed.size());
    claimed.forEach(this::start);
    if (claimed.size() < asked) { // the queue ran empty here; with N nodes polling, each looks every N polls
      scheduleIdle(config.get().queue().idlePoll().toMillis() * Math.max(1, pollers.getAsInt()));
    } else {
      schedulePump();
    }
  }

  /**
   * Lends this runner's room to submissions to its queue: new work was submitted here, so an idle runner looks now
   * (as {@link #wake}), in the enqueue's own round trip when it can.
   */
  ClaimRider submissions() {
    return submissions;
  }

  /** Lends this runner's room to the acks of its settler, while it would claim now anyway (not waiting idle). */
  ClaimRider acks() {
    return acks;
  }

  private final class Rider implements ClaimRider {
    private final boolean newWork;

    Rider(boolean newWork) {
      this.newWork = newWork;
    }

    @Override
    public ClaimRequest offer() {
      boolean idle = idleTimer >= 0;
      if (idle && !newWork) return null;
      if (idle) cancelIdleTimer();
      int asked = reserve(false);
      if (asked > 0) return new ClaimRequest(queue.name(), asked, queue.lease());
      if (idle) schedulePump();
      return null;
    }

    @Override
    public void answered(ClaimRequest offered, AsyncResult<? extends WithClaim<?>> call) {
      if (call.succeeded() && !call.result().claimMade()) { // the backend could not carry it: claim on our own
        claimsInFlight--;
        askedInFlight -= offered.max();
        if (bucket != null) bucket.giveBack(offered.max());
        schedulePump();
        return;
      }
      claimed(offered.max(), call.map(WithClaim::claimed));
    }
  }

  private void start(ClaimedTask claimed) {
    Running run = new Running(claimed);
    running.put(claimed.task().id(), run);
    executor.run(claimed.task(), null, run.stop).onComplete(done -> finish(run, done.result()));
  }

  private void finish(Running run, TaskOutcome outcome) {
    String id = run.claimed.task().id();
    if (running.get(id) != run) return; // released on shutdown, or given up after a cancel
    ClaimedTask claimed = run.claimed.withLeaseDeadline(run.deadline); // settling retries go by the extended lease
    if (run.cancelledBy != null) {
      if (run.graceTimer >= 0) timers.cancel(run.graceTimer);
      removed(run);
      cancelInBackend(run, 0);
      return;
    }
    running.remove(id);
    if (outcome instanceof TaskOutcome.Succeeded ok) {
      settler.succeeded(claimed, ok.result(), ok.degraded());
    } else if (outcome instanceof TaskOutcome.Failed failed) {
      TaskTypeConfig type = config.get().taskTypes().get(claimed.task().type());
      settler.failed(claimed, failed, type == null ? UNKNOWN_TYPE : type.retry());
    }
    if (running.isEmpty() && emptied != null) {
      Promise<Void> done = emptied;
      emptied = null;
      done.tryComplete();
    }
    schedulePump();
  }

  private void removed(Running run) {
    running.remove(run.claimed.task().id());
    if (running.isEmpty() && emptied != null) {
      Promise<Void> done = emptied;
      emptied = null;
      done.tryComplete();
    }
    schedulePump();
  }

  /** Ends the task cancelled by its lease; a backend error is retried each second while the lease lasts. */
  private void cancelInBackend(Running run, int tries) {
    ClaimedTask claimed = run.claimed;
    backend.cancelLeased(claimed.lease()).onComplete(done -> {
      if (done.succeeded()) {
        if (done.result() instanceof CancelResult.Cancelled c) {
          onCancelled.cancelled(c.task(), run.cancelledBy, run.reason);
        } else {
          LOG.info("queue {}: task {} was not cancelled: its lease was no longer held", queue.name(),
              claimed.task().id());
        }
        return;
      }
      health.failed(done.cause());
      if (clock.instant().isBefore(run.deadline) && tries < 60) {
        timers.schedule(1_000, () -> cancelInBackend(run, tries + 1));
      } else {
        LOG.warn("queue {}: cancelling task {} failed ({}); its lease expires and it is reaped", queue.name(),
            claimed.task().id(), BackendHealth.describe(done.cause()));
      }
    });
  }

  private void scheduleIdle(long delayMs) {
    if (idleTimer >= 0) return;
    idleTimer = timers.schedule(delayMs, () -> {
      idleTimer = -1;
      pump();
    });
  }

  private void cancelIdleTimer() {
    if (idleTimer >= 0) {
      timers.cancel(idleTimer);
      idleTimer = -1;
    }
  }

  /** Every third of the lease time, until {@link #stop}: running tasks keep their leases even while not consuming. */
  private void scheduleLeaseCheck() {
    leaseTimer = timers.schedule(Math.max(50, queue.lease().toMillis() / 3), () -> {
      leaseTimer = -1;
      extendLeases();
      scheduleLeaseCheck();
    });
  }

  /** Pushes out the deadline of every lease that is past a third of its time. */
  private void extendLeases() {
    Instant now = clock.instant();
    Instant threshold = now.plus(queue.lease().multipliedBy(2).dividedBy(3));
    for (Running run : new ArrayList<>(running.values())) {
      if (run.deadline.isAfter(threshold)) continue;
      backend.extendLease(run.claimed.lease(), queue.lease()).onComplete(result -> {
        if (result.failed()) {
          extensionFailed(run, result.cause());
          return;
        }
        if (extensionFailing) {
          extensionFailing = false;
          LOG.info("queue {}: lease extensions succeed again", queue.name());
        }
        if (result.result().isPresent()) {
          run.deadline = result.result().get();
        } else {
          LOG.warn("queue {}: lease of task {} was lost while it ran", queue.name(), run.claimed.task().id());
        }
      });
    }
  }

  /** Counted every time, logged once per run of failures (a backend outage would otherwise log every tick). */
  private void extensionFailed(Running run, Throwable cause) {
    extensionFailures++;
    countExtensionFailure.run();
    health.failed(cause);
    if (!extensionFailing) {
      extensionFailing = true;
      LOG.warn("queue {}: extending the lease of task {} failed ({}); the task keeps running on its current lease, "
          + "and further failures are counted in {}_total until one succeeds", queue.name(), run.claimed.task().id(),
          BackendHealth.describe(cause), EXTENSION_FAILURES);
    }
  }
}
