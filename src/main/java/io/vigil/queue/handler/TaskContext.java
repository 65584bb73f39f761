package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vigil.domain.Task;

import java.time.Duration;

/**
 * What a handler gets for one attempt.
 *
 * @param attempt      1 for the first attempt; a handler that is not idempotent can use it to detect a re-run
 * @param timeout      the attempt is abandoned (and retried) after this
 * @param cancellation completes, with the reason, when the attempt should stop: an operator cancelled the task
 *                     ({@code DELETE /api/tasks/{id}} while it runs) or its timeout passed. A handler stops its work
 *                     and completes its future (any outcome: a cancelled task ends {@code cancelled}, a timed-out one
 *                     is retried as usual); one that ignores it is given up after the grace period
 */
public record TaskContext(Task task, int attempt, Duration timeout, String requestId, Future<String> cancellation) {

  /** An attempt nothing will cancel. */
  public TaskContext(Task task, int attempt, Duration timeout, String requestId) {
    this(task, attempt, timeout, requestId, Future.future(p -> { }));
  }

  /** Whether the attempt should stop now (checked by a handler between steps of its work). */
  public boolean cancelled() {
    return cancellation.isComplete();
  }
}
