package io.vigil.queue;

import io.vertx.core.Future;
import io.vigil.domain.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A job that ticks every {@code every} on {@link Timers} and runs only when its previous run has ended: a tick that
 * comes while a run is under way is skipped (and counted), so a slow backend gets one call at a time instead of a
 * pile. A job that throws instead of failing its future is logged as the bug it is, and the ticks go on. Confined
 * to one event loop.
 */
final class OneAtATime {
  private static final Logger LOG = LoggerFactory.getLogger(OneAtATime.class);

  private final String name;
  private final Timers timers;
  private final long everyMs;
  private final Supplier<Future<?>> job;
  private boolean running;
  private long skipped;
  private long timer = -1;

  /** @param name what the job does, for the log ("reaping") */
  OneAtATime(String name, Timers timers, Duration every, Supplier<Future<?>> job) {
    this.name = name;
    this.timers = timers;
    this.everyMs = Math.max(1, every.toMillis());
    this.job = job;
  }

  /** The first tick comes one interval from now, then one every interval until {@link #stop}. */
  void start() {
    if (timer < 0) scheduleTick();
  }

  void stop() {
    if (timer >= 0) {
      timers.cancel(timer);
      timer = -1;
    }
  }

  /** Ticks skipped because a run was still under way. */
  long skipped() {
    return skipped;
  }

  private void scheduleTick() {
    timer = timers.schedule(everyMs, () -> {
      scheduleTick(); // first, so neither a slow run nor a throwing one delays or stops the next tick
      tick();
    });
  }

  private void tick() {
    if (running) {
      skipped++;
      return;
    }
    running = true;
    Future<?> run;
    try {
      run = job.get();
    } catch (RuntimeException e) {
      running = false;
      LOG.error("{} threw instead of failing; trying again at the next tick", name, e);
      return;
    }
    run.onComplete(done -> running = false);
  }
}
