package io.vigil.queue;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.observe.TaskMeters;
import io.vigil.config.QueueSlice;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;
import io.vigil.domain.Timers;
import io.vigil.queue.handler.DegradingHandler;
import io.vigil.queue.handler.HandlerRegistry;
import io.vigil.queue.handler.TaskContext;
import io.vigil.queue.handler.TaskHandler;

import java.util.function.Supplier;

/** Runs one attempt of a task with its type's handler and timeout. The returned future never fails. */
final class TaskExecutor {
  private final Timers timers;
  private final Supplier<QueueSlice> config;
  private final HandlerRegistry handlers;

  TaskExecutor(Timers timers, Supplier<QueueSlice> config, HandlerRegistry handlers) {
    this.timers = timers;
    this.config = config;
    this.handlers = handlers;
  }

  Future<TaskOutcome> run(Task task, String requestId) {
    return run(task, requestId, Promise.promise(), false);
  }

  Future<TaskOutcome> run(Task task, String requestId, Promise<String> cancel) {
    return run(task, requestId, cancel, false);
  }

  Future<TaskOutcome> run(Task task, String requestId, boolean inline) {
    return run(task, requestId, Promise.promise(), inline);
  }

  /**
   * @param cancel completed (with the reason) to tell the handler to stop; the executor completes it itself when the
   *               timeout passes, so a timed-out attempt is stopped (its request aborted, its worker told), not only
   *               abandoned
   * @param inline a {@code sync_direct} submit: a type whose breaker is open may answer it from its cache
   */
  Future<TaskOutcome> run(Task task, String requestId, Promise<String> cancel, boolean inline) {
    long started = System.nanoTime();
    return attempt(task, requestId, cancel, inline).onSuccess(outcome ->
        TaskMeters.get().attempted(task, outcome instanceof TaskOutcome.Succeeded, System.nanoTime() - started));
  }

  private Future<TaskOutcome> attempt(Task task, String requestId, Promise<String> cancel, boolean inline) {
    TaskTypeConfig type = config.get().taskTypes().get(task.type());
    TaskHandler handler = handlers.forType(task.type());
    if (type == null || handler == null) {
      return Future.succeededFuture(TaskOutcome.permanent("task type '" + task.type() + "' is not configured"));
    }
    Future<TaskOutcome> attempt;
    try {
      TaskContext context = new TaskContext(task, task.attempts(), type.timeout(), requestId, cancel.future());
      attempt = inline && handler instanceof DegradingHandler degrading ? degrading.handleInline(context)
          : handler.handle(context);
    } catch (RuntimeException e) {
      return Future.succeededFuture(TaskOutcome.retryable("handler threw " + describe(e)));
    }
    if (attempt == null) {
      return Future.succeededFuture(TaskOutcome.retryable("handler returned no future"));
    }
    if (attempt.isComplete()) { // synchronous handlers need no timer
      return Future.succeededFuture(outcomeOf(attempt));
    }
    Promise<TaskOutcome> outcome = Promise.promise();
    String timedOut = "timed out after " + type.timeout().toMillis() + " ms";
    long timer = timers.schedule(type.timeout().toMillis(), () -> {
      outcome.tryComplete(TaskOutcome.retryable(timedOut));
      cancel.tryComplete(timedOut); // stop the handler's work too
    });
    attempt.onComplete(done -> {
      timers.cancel(timer);
      outcome.tryComplete(outcomeOf(done));
    });
    return outcome.future();
  }

  private static TaskOutcome outcomeOf(AsyncResult<TaskOutcome> done) {
    if (done.failed()) return TaskOutcome.retryable("handler failed: " + describe(done.cause()));
    return done.result() == null ? TaskOutcome.success(null) : done.result();
  }

  private static String describe(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}
