package io.vigil.queue;

import io.vertx.core.Future;
import io.vigil.bus.Failure;
import io.vigil.bus.FailureException;
import io.vigil.domain.Degraded;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;
import io.vigil.domain.TaskStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("InlineRunner: sync_direct submissions run once, at submit")
class InlineRunnerTest {
  static final Duration WINDOW = Duration.ofHours(1);

  final QueueFixture f = new QueueFixture();
  final List<Task> finished = new ArrayList<>();
  final InlineRunner inline = new InlineRunner(f.executor, finished::addAll, f.clock, WINDOW);

  Task keyed(String key) {
    Task plain = f.newTask("work");
    return Task.create(plain.id(), plain.queue(), plain.type(), plain.payload(), Priority.NORMAL, null, 3, key,
        f.clock.instant());
  }

  static Failure failureOf(Future<?> future) {
    assertThat(future.cause()).isInstanceOf(FailureException.class);
    return ((FailureException) future.cause()).failure();
  }

  @Test
  void aSuccessAnswersTheCompletedTaskAndSendsItToHistory() {
    Future<Submitted> run = inline.run(f.newTask("work"), "fp", "req-1");
    f.handler.succeed(f.handler.runningIds().get(0), "{\"receipt\":9}");

    Submitted done = result(run);
    assertThat(done.inline()).isTrue();
    assertThat(done.task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.task().result()).isEqualTo("{\"receipt\":9}");
    assertThat(finished).containsExactly(done.task());
  }

  @Test
  void aDegradedAnswerMarksTheAnswerAndTheTaskSentToHistory() {
    Degraded how = new Degraded("cache", "http:pricing.internal:443", f.clock.instant().minusSeconds(60));
    Future<Submitted> run = inline.run(f.newTask("work"), "fp", "req-1");
    f.handler.succeedDegraded(f.handler.runningIds().get(0), "{\"price\":7}", how);

    Submitted done = result(run);
    assertThat(done.degraded()).isEqualTo(how);
    assertThat(done.task().degraded()).isEqualTo(how);
    assertThat(finished).singleElement().satisfies(t -> assertThat(t.degraded()).isEqualTo(how));
  }

  @Test
  void aRepeatedKeyWhileTheFirstRunIsUnderWayAnswersThatRunAndRunsNothingNew() {
    Future<Submitted> first = inline.run(keyed("k-1"), "fp", "req-1");
    Future<Submitted> second = inline.run(keyed("k-1"), "fp", "req-2");
    assertThat(f.handler.started).hasSize(1);

    f.handler.succeedOldest();

    assertThat(result(second).replayed()).isTrue();
    assertThat(result(second).task().id()).isEqualTo(result(first).task().id());
    assertThat(finished).hasSize(1);
  }

  @Test
  void theSameKeyWithAnotherFingerprintIsAConflict() {
    inline.run(keyed("k-1"), "fp-a", "req-1");

    Failure conflict = failureOf(inline.run(keyed("k-1"), "fp-b", "req-2"));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.code()).isEqualTo(Failure.Codes.IDEMPOTENCY_CONFLICT);
  }

  @Test
  void aFailedRunIsForgottenSoTheClientMayTryAgain() {
    Future<Submitted> first = inline.run(keyed("k-1"), "fp", "req-1");
    f.handler.fail(f.handler.runningIds().get(0), TaskOutcome.retryable("target down"));
    assertThat(first.failed()).isTrue();

    inline.run(keyed("k-1"), "fp", "req-2");

    assertThat(f.handler.started).as("the second submission ran").hasSize(2);
  }

  @Test
  void aPermanentFailureIs422AndARetryableOneIs502AndBothGoToHistoryAsDead() {
    Future<Submitted> permanent = inline.run(f.newTask("work"), "fp", "r");
    f.handler.fail(f.handler.runningIds().get(0), TaskOutcome.permanent("bad data"));
    Future<Submitted> retryable = inline.run(f.newTask("work"), "fp", "r");
    f.handler.fail(f.handler.runningIds().get(0), TaskOutcome.retryable("busy"));

    assertThat(failureOf(permanent).status()).isEqualTo(422);
    assertThat(failureOf(retryable).status()).isEqualTo(502);
    assertThat(failureOf(retryable).code()).isEqualTo(Failure.Codes.TASK_FAILED);
    assertThat(finished).extracting(Task::status).containsExactly(TaskStatus.DEAD, TaskStatus.DEAD);
  }

  @Test
  void aKeyIsRememberedForTheIdempotencyWindowOnly() {
    inline.run(keyed("k-1"), "fp", "r");
    f.handler.succeedOldest();

    f.timers.advance(WINDOW.minusMillis(1));
    inline.run(keyed("k-1"), "fp", "r");
    assertThat(f.handler.started).hasSize(1);
    f.timers.advanceMillis(1);
    inline.run(keyed("k-1"), "fp", "r");

    assertThat(f.handler.started).hasSize(2);
  }
}
