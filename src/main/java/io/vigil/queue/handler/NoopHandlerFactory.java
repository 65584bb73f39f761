package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.TaskOutcome;

/** Succeeds at once: for smoke tests, benchmarks and tasks that exist only to be recorded. */
public final class NoopHandlerFactory implements TaskHandlerFactory {
  private static final Future<TaskOutcome> DONE = Future.succeededFuture(TaskOutcome.success(null));

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public TaskHandler create(Vertx vertx, TaskTypeConfig type) {
    return context -> DONE;
  }
}
