package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.domain.Timers;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.domain.health.HealthSnapshot;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.health.HealthThresholds;
import io.vigil.domain.health.HealthTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Decides whether the queue backend is reachable. Any failed operation triggers a ping; {@link #PINGS_TO_LOSE}
 * failed pings in a row declare it lost (a dropped connection fails one call while the pool replaces it, and that is
 * not an outage), and then it is pinged again with exponential backoff (from {@code checkEvery}, doubling up to
 * {@code maxBackoff}) until it answers — the reconnect loop the pooled clients do not have. The verdict is a
 * {@link HealthTracker} fed with the pings' outcomes. Confined to one event loop; its timers are {@link Timers}.
 */
final class BackendHealth {
  private static final Logger LOG = LoggerFactory.getLogger(BackendHealth.class);
  static final int PINGS_TO_LOSE = 2;
  static final long RECHECK_MS = 50;

  private final Timers timers;
  private final QueueBackend backend;
  private final Duration checkEvery;
  private final Duration maxBackoff;
  private final Consumer<Throwable> onLost;
  private final Runnable onRestored;
  private final HealthTracker tracker;
  /** A ping, a re-check or the lost loop is pending, so failures do not pile up checks. */
  private boolean checking;
  private int failedChecks;

  BackendHealth(Timers timers, Clock clock, QueueBackend backend, Duration checkEvery, Duration maxBackoff,
                Consumer<Throwable> onLost, Runnable onRestored) {
    this.timers = timers;
    this.backend = backend;
    this.checkEvery = checkEvery;
    this.maxBackoff = maxBackoff.compareTo(checkEvery) < 0 ? checkEvery : maxBackoff;
    this.onLost = onLost;
    this.onRestored = onRestored;
    this.tracker = new HealthTracker(new HealthThresholds(PINGS_TO_LOSE, 1), HealthStatus.HEALTHY, clock);
  }

  boolean isLost() {
    return tracker.status() == HealthStatus.UNHEALTHY;
  }

  HealthSnapshot snapshot() {
    return tracker.snapshot();
  }

  /** An operation on the backend failed: find out whether the backend itself is gone. */
  void failed(Throwable cause) {
    if (!isLost() && !checking) check();
  }

  private void check() {
    checking = true;
    pingWithin(checkEvery.plusSeconds(1)).onComplete(ping -> {
      if (ping.succeeded()) {
        checking = false;
        tracker.record(HealthOutcome.ok()).ifPresent(back -> {
          failedChecks = 0;
          LOG.info("queue backend {} answers again after {} ms", backend.name(), back.previousLasted().toMillis());
          onRestored.run();
        });
        return;
      }
      tracker.record(HealthOutcome.failed(describe(ping.cause()))).ifPresent(lost -> {
        LOG.error("queue backend {} lost: {}", backend.name(), lost.lastError());
        onLost.accept(ping.cause());
      });
      long wait = isLost() ? backoffMillis(checkEvery, maxBackoff, failedChecks++)
          : Math.min(checkEvery.toMillis(), RECHECK_MS);
      timers.schedule(wait, this::check);
    });
  }

  static String describe(Throwable error) {
    return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
  }

  /** The wait before the next ping after {@code failures} failed ones: doubling from {@code base}, capped. */
  static long backoffMillis(Duration base, Duration max, int failures) {
    return Math.min(max.toMillis(), base.toMillis() << Math.min(failures, 20));
  }

  private Future<Void> pingWithin(Duration limit) {
    Promise<Void> answered = Promise.promise();
    long timer = timers.schedule(limit.toMillis(),
        () -> answered.tryFail(new TimeoutException("no answer within " + limit.toMillis() + " ms")));
    Future<Void> ping;
    try {
      ping = backend.ping();
    } catch (RuntimeException e) {
      ping = Future.failedFuture(e);
    }
    ping.onComplete(result -> {
      timers.cancel(timer);
      if (result.succeeded()) answered.tryComplete();
      else answered.tryFail(result.cause());
    });
    return answered.future();
  }
}
