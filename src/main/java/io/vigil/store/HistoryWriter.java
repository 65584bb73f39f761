package io.vigil.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.domain.Event;
import io.vigil.domain.Task;
import io.vigil.domain.Timers;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.health.HealthThresholds;
import io.vigil.domain.health.HealthTracker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one writer of history and audit rows. Rows wait in a bounded {@link WriteBuffer} and go to the store in
 * batches: when {@code batchSize} rows are waiting, or when the oldest has waited {@code flushInterval}. Up to
 * {@code writesInFlight} batches are written at once, taken from the buffer oldest first (the store's upsert keeps
 * the newest state of a task and ignores a repeated event, so batches that land out of order end the same).
 *
 * <p>When the store is unavailable, failed batches go back to the front of the buffer in their order once every
 * write has answered, and the head is retried alone with backoff until the store answers; the rows behind it wait.
 * When the store refuses a batch (bad data), the batch is split until the bad rows stand alone; they are reported
 * ({@link WriterListener#rejected}) and the rest is written. Whether the store is up is a {@link HealthTracker}
 * without hysteresis: the first unavailable answer takes it down, the first answer brings it back.
 *
 * <p>Not thread-safe: call it from one thread (the store verticle's event loop).
 */
public final class HistoryWriter {
  /** A batch out in a write. */
  private record Flight(long seq, List<Pending> rows) {}

  private final Stores store;
  private final WriterSettings settings;
  private final Clock clock;
  private final Timers timers;
  private final WriterListener listener;
  private final WriteBuffer buffer;
  private final Backoff backoff;
  private final ArrayDeque<Flight> inFlight = new ArrayDeque<>();
  private final List<Flight> failed = new ArrayList<>();

  private final HealthTracker health;
  private boolean probing;
  private boolean stopped;
  private Instant lastSuccess;
  private long flushTimer = -1;
  private long retryTimer = -1;
  private long pingTimer = -1;
  private long seq;
  private long written;
  private long refused;
  private long rejected;

  public HistoryWriter(Stores store, WriterSettings settings, Clock clock, Timers timers, WriterListener listener) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.timers = timers;
    this.listener = listener;
    this.buffer = new WriteBuffer(settings.highWater(), settings.lowWater(), settings.hardMax());
    this.backoff = new Backoff(settings.retryInitial(), settings.retryMax(), () -> ThreadLocalRandom.current().nextDouble());
    this.lastSuccess = clock.instant();
    this.health = new HealthTracker(HealthThresholds.IMMEDIATE, HealthStatus.HEALTHY, clock);
  }

  /** Starts the idle health check: a writer with nothing to write still notices that the store went away. */
  public void start() {
    schedulePing();
  }

  public void acceptTasks(List<Task> tasks) {
    Instant now = clock.instant();
    List<Pending> rows = new ArrayList<>(tasks.size());
    for (Task task : tasks) rows.add(new Pending.TaskRow(task, now));
    accept(rows);
  }

  public void acceptEvent(Event event) {
    accept(List.of(new Pending.EventRow(event, clock.instant())));
  }

  void accept(List<Pending> rows) {
    int taken = buffer.offer(rows);
    if (taken < rows.size()) {
      refused += rows.size() - taken;
      listener.refused(rows.subList(taken, rows.size()), buffer.size());
    }
    updateBackpressure();
    scheduleFlush();
  }

  // ---- state, for health and metrics ---------------------------------------------------------------------

  public boolean isUp() {
    return health.status() == HealthStatus.HEALTHY;
  }

  /** Rows not yet stored: waiting, and out in writes. */
  public int buffered() {
    return buffer.size();
  }

  public boolean backpressure() {
    return buffer.backpressure();
  }

  /** Rows the full buffer did not take. */
  public long refused() {
    return refused;
  }

  /** Rows the store refused on their own. */
  public long rejected() {
    return rejected;
  }

  public long written() {
    return written;
  }

  /** When the current outage began; null while the store is up. */
  public Instant downSince() {
    return isUp() ? null : health.since();
  }

  /** What the last failed write or ping said; null when none failed yet. */
  public String lastError() {
    return health.lastError();
  }

  /** How long the oldest row not yet stored has waited. */
  public Duration oldestWait() {
    Instant oldest = buffer.oldestQueuedArrival();
    for (Flight flight : inFlight) oldest = older(oldest, flight.rows().get(0).arrived());
    for (Flight flight : failed) oldest = older(oldest, flight.rows().get(0).arrived());
    return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
  }

  private static Instant older(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  /** When a caller should try again while the store is down. */
  public Duration retryAfter() {
    return backoff.ceiling();
  }

  // ---- flushing --------------------------------------------------------------------------------------------

  /** Sends full batches while there is room in flight; a partial batch waits for its flush time. */
  private void scheduleFlush() {
    while (isUp() && !stopped && failed.isEmpty() && inFlight.size() < settings.writesInFlight()
        && buffer.queued() >= settings.batchSize()) {
      cancelFlushTimer();
      dispatch();
    }
    // with every slot busy, the next answer calls this again
    if (!isUp() || stopped || !failed.isEmpty() || buffer.queued() == 0 || flushTimer >= 0
        || inFlight.size() >= settings.writesInFlight()) {
      return;
    }
    Instant due = buffer.oldestQueuedArrival().plus(settings.flushInterval());
    long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
    flushTimer = timers.schedule(delay, () -> {
      flushTimer = -1;
      if (isUp() && failed.isEmpty() && inFlight.size() < settings.writesInFlight() && buffer.queued() > 0) dispatch();
      scheduleFlush();
    });
  }

  private void dispatch() {
    Flight flight = new Flight(++seq, buffer.take(settings.batchSize()));
    inFlight.addLast(flight);
    withTimeout(write(flight.rows())).onComplete(result -> {
      if (result.succeeded()) {
        inFlight.remove(flight);
        settled(flight.rows(), Set.of());
      } else if (StoreUnavailableException.is(result.cause())) {
        inFlight.remove(flight);
        failed.add(flight);
        lost(result.cause());
      } else {
        isolate(flight); // stays in flight until every row is settled
        return;
      }
      afterAnswer();
    });
  }

  /** The rows are done: stored, except those the store refused on their own. */
  private void settled(List<Pending> rows, Set<Pending> refusedRows) {
    buffer.confirm(rows.size());
    List<Pending> stored = refusedRows.isEmpty() ? rows : rows.stream().filter(r -> !refusedRows.contains(r)).toList();
    written += stored.size();
    Instant now = clock.instant();
    lastSuccess = now;
    listener.written(stored, now);
    answered();
    updateBackpressure();
  }

  /** After each answer: once no write is out, failed batches go back to the front; then carry on or retry. */
  private void afterAnswer() {
    if (inFlight.isEmpty() && !failed.isEmpty()) {
      failed.sort(Comparator.comparingLong(Flight::seq));
      for (int i = failed.size() - 1; i >= 0; i--) buffer.putBack(failed.get(i).rows());
      failed.clear();
    }
    if (isUp()) {
      scheduleFlush();
    } else if (inFlight.isEmpty()) {
      scheduleRetry();
    }
  }

  /** The store answered: if it had been down, it is back. */
  private void answered() {
    health.record(HealthOutcome.ok()).ifPresent(back -> {
      backoff.reset();
      cancel(retryTimer);
      retryTimer = -1;
      listener.restored(back.previousLasted(), buffer.size());
    });
  }

  private void lost(Throwable cause) {
    String error = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    health.record(HealthOutcome.failed(error)).ifPresent(down -> {
      cancelFlushTimer();
      listener.unavailable(cause, buffer.size());
    });
  }

  /** While down, the head batch alone tries again after each backoff delay (a ping when nothing waits). */
  private void scheduleRetry() {
    if (stopped || retryTimer >= 0) return;
    retryTimer = timers.schedule(backoff.next().toMillis(), () -> {
      retryTimer = -1;
      if (isUp() || !inFlight.isEmpty()) return;
      if (buffer.queued() > 0) dispatch();
      else probe();
    });
  }

  /** Splits a refused batch until each bad row stands alone; good rows are written, bad ones reported. */
  private void isolate(Flight flight) {
    Isolation isolation = new Isolation(flight.rows());
    isolation.bisect(0, flight.rows().size()).onComplete(done -> {
      inFlight.remove(flight);
      if (done.succeeded()) {
        settled(flight.rows(), isolation.refused);
      } else {
        // an outage in the middle: the settled prefix is done, the rest goes back with the failed batches
        settled(flight.rows().subList(0, isolation.resolved), isolation.refused);
        failed.add(new Flight(flight.seq(), flight.rows().subList(isolation.resolved, flight.rows().size())));
        lost(done.cause());
      }
      afterAnswer();
    });
  }

  /** One refused batch being split in halves, left first, so what is settled is always a prefix. */
  private final class Isolation {
    private final List<Pending> batch;
    private final Set<Pending> refused = Collections.newSetFromMap(new IdentityHashMap<>());
    private int resolved;

    Isolation(List<Pending> batch) {
      this.batch = batch;
    }

    Future<Void> bisect(int from, int to) {
      List<Pending> part = batch.subList(from, to);
      return withTimeout(write(part)).recover(error -> {
        if (StoreUnavailableException.is(error)) return Future.failedFuture(error);
        if (to - from == 1) {
          rejected++;
          refused.add(part.get(0));
          listener.rejected(part.get(0), error);
          return Future.succeededFuture();
        }
        int middle = (from + to) >>> 1;
        return bisect(from, middle).compose(v -> bisect(middle, to));
      }).onSuccess(v -> resolved = to);
    }
  }

  private Future<Void> write(List<Pending> rows) {
    List<Task> tasks = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    for (Pending row : rows) {
      if (row instanceof Pending.TaskRow t) tasks.add(t.task());
      else if (row instanceof Pending.EventRow e) events.add(e.event());
    }
    Future<Void> savedTasks = tasks.isEmpty() ? Future.succeededFuture() : safely(() -> store.history().saveTasks(tasks));
    Future<Void> savedEvents = events.isEmpty() ? Future.succeededFuture() : safely(() -> store.audit().saveEvents(events));
    return Future.join(savedTasks, savedEvents).transform(done -> {
      if (done.succeeded()) return Future.succeededFuture();
      Throwable cause = savedTasks.failed() ? savedTasks.cause() : savedEvents.cause();
      if (savedEvents.failed() && StoreUnavailableException.is(savedEvents.cause())) cause = savedEvents.cause();
      return Future.failedFuture(cause);
    });
  }

  private static Future<Void> safely(java.util.function.Supplier<Future<Void>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * A write that does not answer in time counts as a lost connection; its late answer is ignored (the rows are
   * written again, and writes are idempotent).
   */
  private <T> Future<T> withTimeout(Future<T> call) {
    Promise<T> promise = Promise.promise();
    long timer = timers.schedule(settings.writeTimeout().toMillis(), () -> promise.tryFail(
        new StoreUnavailableException("no answer within " + settings.writeTimeout().toMillis() + " ms", null)));
    call.onComplete(result -> {
      cancel(timer);
      if (result.succeeded()) promise.tryComplete(result.result());
      else promise.tryFail(result.cause());
    });
    return promise.future();
  }

  // ---- health while idle -----------------------------------------------------------------------------------

  private void schedulePing() {
    if (stopped) return;
    pingTimer = timers.schedule(settings.pingInterval().toMillis(), () -> {
      pingTimer = -1;
      boolean idle = isUp() && inFlight.isEmpty() && buffer.size() == 0
          && !lastSuccess.plus(settings.pingInterval()).isAfter(clock.instant());
      if (idle) probe();
      schedulePing();
    });
  }

  private void probe() {
    if (probing) return;
    probing = true;
    withTimeout(safely(store::ping)).onComplete(result -> {
      probing = false;
      if (result.succeeded()) {
        lastSuccess = clock.instant();
        answered();
      } else {
        lost(StoreUnavailableException.is(result.cause()) ? result.cause()
            : new StoreUnavailableException("ping failed: " + result.cause().getMessage(), result.cause()));
      }
      afterAnswer();
    });
  }

  private void updateBackpressure() {
    if (buffer.updateBackpressure()) listener.backpressure(buffer.backpressure(), buffer.size());
  }

  // ---- stop ------------------------------------------------------------------------------------------------

  /**
   * Stops the timers and writes what is buffered while the store answers; answers how many rows are left (they are
   * lost with the process, and the caller must say so loudly).
   */
  public Future<Integer> drain() {
    stopped = true;
    cancelFlushTimer();
    cancel(retryTimer);
    cancel(pingTimer);
    retryTimer = -1;
    pingTimer = -1;
    return drainStep();
  }

  private Future<Integer> drainStep() {
    if (!inFlight.isEmpty()) {
      Promise<Integer> later = Promise.promise(); // a write is out: wait for its answer, then carry on
      timers.schedule(10, () -> drainStep().onComplete(later));
      return later.future();
    }
    afterAnswer(); // failed batches back to the front
    if (buffer.queued() == 0) return Future.succeededFuture(buffer.size());
    List<Pending> rows = buffer.take(settings.batchSize());
    return withTimeout(write(rows)).transform(result -> {
      if (result.failed()) {
        buffer.putBack(rows);
        return Future.succeededFuture(buffer.size());
      }
      settled(rows, Set.of());
      return drainStep();
    });
  }

  private void cancelFlushTimer() {
    cancel(flushTimer);
    flushTimer = -1;
  }

  private void cancel(long timer) {
    if (timer >= 0) timers.cancel(timer);
  }
}
