package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Decides whether the queue backend is reachable. Any failed operation triggers a ping; two failed pings in a row
 * declare it lost (a dropped connection fails one call while the pool replaces it, and that is not an outage), and then it is pinged again with exponential backoff (from {@code checkEvery}, doubling up to
 * {@code maxBackoff}) until it answers — the reconnect loop the pooled clients do not have. Confined to one event loop.
 */
final class BackendHealth {
  private static final Logger LOG = LoggerFactory.getLogger(BackendHealth.class);
  static final int PINGS_TO_LOSE = 2;
  private static final long RECHECK_MS = 50;

  private final Vertx vertx;
  private final QueueBackend backend;
  private final Duration checkEvery;
  private final Duration maxBackoff;
  private final Consumer<Throwable> onLost;
  private final Runnable onRestored;
  private boolean lost;
  private boolean checking;
  private int failedChecks;
  private int suspicions;

  BackendHealth(Vertx vertx, QueueBackend backend, Duration checkEvery, Duration maxBackoff, Consumer<Throwable> onLost,
                Runnable onRestored) {
    this.vertx = vertx;
    this.backend = backend;
    this.checkEvery = checkEvery;
    this.maxBackoff = maxBackoff.compareTo(checkEvery) < 0 ? checkEvery : maxBackoff;
    this.onLost = onLost;
    this.onRestored = onRestored;
  }

  boolean isLost() {
    return lost;
  }

  /** An operation on the backend failed: find out whether the backend itself is gone. */
  void failed(Throwable cause) {
    if (!lost && !checking) check();
  }

  /** One ping; {@code checking} stays true while a re-check or the lost loop is pending, so failures do not pile up checks. */
  private void check() {
    checking = true;
    pingWithin(checkEvery.plusSeconds(1)).onComplete(ping -> {
      if (ping.succeeded()) {
        checking = false;
        suspicions = 0;
        if (lost) {
          lost = false;
          failedChecks = 0;
          LOG.info("queue backend {} answers again", backend.name());
          onRestored.run();
        }
        return;
      }
      if (!lost && ++suspicions < PINGS_TO_LOSE) {
        vertx.setTimer(Math.min(checkEvery.toMillis(), RECHECK_MS), id -> check());
        return;
      }
      if (!lost) {
        lost = true;
        suspicions = 0;
        LOG.error("queue backend {} lost: {}", backend.name(), describe(ping.cause()));
        onLost.accept(ping.cause());
      }
      vertx.setTimer(backoffMillis(checkEvery, maxBackoff, failedChecks++), id -> check());
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
    long timer = vertx.setTimer(limit.toMillis(),
        id -> answered.tryFail(new TimeoutException("no answer within " + limit.toMillis() + " ms")));
    backend.ping().onComplete(result -> {
      vertx.cancelTimer(timer);
      if (result.succeeded()) answered.tryComplete();
      else answered.tryFail(result.cause());
    });
    return answered.future();
  }
}
