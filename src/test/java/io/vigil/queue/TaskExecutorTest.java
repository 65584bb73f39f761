package io.vigil.queue;

import io.vertx.core.Future;
import io.vigil.domain.FailureKind;
import io.vigil.domain.TaskOutcome;
import io.vigil.queue.handler.HandlerRegistry;
import io.vigil.queue.handler.TaskHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TaskExecutor: one attempt, its timeout, and handlers that misbehave")
class TaskExecutorTest {
  final QueueFixture f = new QueueFixture();

  TaskExecutor with(TaskHandler handler) {
    return new TaskExecutor(f.timers, () -> f.slice, HandlerRegistry.of(Map.of("quick", handler, "work", handler)));
  }

  static TaskOutcome.Failed failed(Future<TaskOutcome> outcome) {
    assertThat(outcome.succeeded()).as("the executor's future never fails").isTrue();
    assertThat(outcome.result()).isInstanceOf(TaskOutcome.Failed.class);
    return (TaskOutcome.Failed) outcome.result();
  }

  @Test
  void anAttemptStillRunningAfterItsTypesTimeoutFailsRetryable() {
    Future<TaskOutcome> outcome = f.executor.run(f.newTask("quick"), null);

    f.timers.advanceMillis(499);
    assertThat(outcome.isComplete()).isFalse();
    f.timers.advanceMillis(1);

    assertThat(failed(outcome).kind()).isEqualTo(FailureKind.RETRYABLE);
    assertThat(failed(outcome).error()).isEqualTo("timed out after 500 ms");
  }

  @Test
  void aJavaHandlerSeesItsCancellationWhenTheTimeoutPassesOrWhenTheRunnerCancelsIt() {
    java.util.List<io.vigil.queue.handler.TaskContext> seen = new java.util.ArrayList<>();
    TaskExecutor executor = with(c -> {
      seen.add(c);
      return io.vertx.core.Promise.<TaskOutcome>promise().future();
    });

    executor.run(f.newTask("quick"), null);
    assertThat(seen.get(0).cancelled()).isFalse();
    f.timers.advanceMillis(500);
    assertThat(seen.get(0).cancelled()).as("a timed-out attempt is told to stop").isTrue();
    assertThat(seen.get(0).cancellation().result()).isEqualTo("timed out after 500 ms");

    io.vertx.core.Promise<String> cancel = io.vertx.core.Promise.promise();
    Future<TaskOutcome> outcome = executor.run(f.newTask("work"), null, cancel);
    cancel.complete("cancelled by oncall");
    assertThat(seen.get(1).cancelled()).isTrue();
    assertThat(outcome.isComplete()).as("the runner waits for the handler to stop").isFalse();
  }

  @Test
  void anAnswerAfterTheTimeoutIsIgnoredAndAnAnswerBeforeItCancelsTheTimer() {
    Future<TaskOutcome> late = f.executor.run(f.newTask("quick"), null);
    f.timers.advanceMillis(500);
    f.handler.succeedOldest();
    assertThat(failed(late).error()).startsWith("timed out");

    Future<TaskOutcome> early = f.executor.run(f.newTask("quick"), null);
    f.handler.succeedOldest();
    assertThat(early.result()).isInstanceOf(TaskOutcome.Succeeded.class);
    assertThat(f.timers.pending()).as("no timer left behind").isZero();
  }

  @Test
  void aHandlerThatThrowsOrReturnsNoFutureFailsRetryable() {
    assertThat(failed(with(c -> { throw new IllegalStateException("boom"); }).run(f.newTask("work"), null)).error())
        .isEqualTo("handler threw boom");
    assertThat(failed(with(c -> null).run(f.newTask("work"), null)).error()).isEqualTo("handler returned no future");
    assertThat(failed(with(c -> Future.failedFuture("refused")).run(f.newTask("work"), null)).error())
        .isEqualTo("handler failed: refused");
  }

  @Test
  void aTaskOfAnUnconfiguredTypeFailsPermanently() {
    var task = f.newTask("work");
    var stranger = io.vigil.domain.Task.create(task.id(), "jobs", "unknown", "{}", 5, null, 3, null, f.clock.instant());

    assertThat(failed(f.executor.run(stranger, null)).kind()).isEqualTo(FailureKind.PERMANENT);
  }
}
