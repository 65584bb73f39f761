package io.vigil.queue;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * A periodic job that runs only when its previous run has ended: a tick that comes while a run is under way is
 * skipped, so a slow backend gets one call at a time instead of a pile. Confined to one event loop.
 */
final class OneAtATime {
  private final Supplier<Future<?>> job;
  private boolean running;
  private long skipped;

  OneAtATime(Supplier<Future<?>> job) {
    this.job = job;
  }

  void tick() {
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
      throw e;
    }
    run.onComplete(done -> running = false);
  }

  /** Ticks skipped because a run was still under way. */
  long skipped() {
    return skipped;
  }
}
