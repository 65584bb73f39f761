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
