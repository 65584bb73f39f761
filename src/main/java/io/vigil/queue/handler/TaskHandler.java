package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vigil.domain.TaskOutcome;

/**
 * Runs one attempt of a task. Must not block the event loop. Returns an outcome value; a failed future counts as
 * a retryable failure.
 */
@FunctionalInterface
public interface TaskHandler {
  Future<TaskOutcome> handle(TaskContext context);
}
