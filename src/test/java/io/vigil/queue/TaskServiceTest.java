package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Failure;
import io.vigil.bus.FailureException;
import io.vigil.domain.BackendFallback;
import io.vigil.domain.ModeState;
import io.vigil.domain.SystemMode;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TaskService: submitting, reading and cancelling")
class TaskServiceTest {
  final QueueFixture f = new QueueFixture();
  final List<String> woken = new ArrayList<>();
  final List<List<Task>> finishedInline = new ArrayList<>();
  ModeState mode = new ModeState(SystemMode.ASYNC_QUEUE, false, BackendFallback.SYNC_DIRECT);
  final TaskService service = new TaskService(() -> f.slice, f.backend, f.clock,
      new InlineRunner(f.executor, finishedInline::add, f.clock, f.config.queue().idempotencyWindow()),
      () -> mode, woken::add, queue -> null, f.backendFailures::add);

  static JsonObject work(String key) {
    JsonObject body = new JsonObject().put("type", "work").put("payload", new JsonObject().put("n", 1));
    return key == null ? body : body.put("idempotency_key", key);
  }

  static Failure failureOf(Future<?> future) {
    assertThat(future.failed()).as("the command failed").isTrue();
    assertThat(future.cause()).isInstanceOf(FailureException.class);
    return ((FailureException) future.cause()).failure();
  }

  @Test
  void anAcceptedSubmissionIsQueuedAndWakesItsQueue() {
    Submitted submitted = result(service.submit(work(null), "req-1"));

    assertThat(submitted.task().status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(submitted.inline()).isFalse();
    assertThat(f.stored(submitted.task().id()).queue()).isEqualTo("jobs");
    assertThat(woken).containsExactly("jobs");
  }

  @Test
  void aRepeatedIdempotencyKeyAnswersTheOriginalAndWakesNobody() {
    Submitted first = result(service.submit(work("order-7"), "req-1"));
    woken.clear();

    Submitted again = result(service.submit(work("order-7"), "req-2"));

    assertThat(again.replayed()).isTrue();
    assertThat(again.task().id()).isEqualTo(first.task().id());
    assertThat(woken).isEmpty();
  }

  @Test
  void theSameKeyWithAnotherPayloadIsAConflictNamingTheKey() {
    result(service.submit(work("order-7"), "req-1"));

    Failure conflict = failureOf(service.submit(work("order-7").put("payload", new JsonObject().put("n", 2)), "r"));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.code()).isEqualTo(Failure.Codes.IDEMPOTENCY_CONFLICT);
    assertThat(conflict.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("idempotency_key"));
  }

  @Test
  void whileStoppedNewWorkIsRefusedWithRetryAfterAndNothingIsQueued() {
    mode = mode.withConfigured(SystemMode.STOPPED);

    Failure refused = failureOf(service.submit(work(null), "req-1"));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.code()).isEqualTo(Failure.Codes.SYSTEM_STOPPED);
    assertThat(refused.retryAfterSeconds()).isEqualTo(f.config.system().retryAfterSeconds());
    assertThat(result(f.backend.list(new TaskQuery(null, null, 10)))).isEmpty();
  }

  @Test
  void whenTheBackendIsLostAndTheFallbackIsToRejectNewWorkIsRefused() {
    mode = new ModeState(SystemMode.ASYNC_QUEUE, true, BackendFallback.REJECT);

    Failure refused = failureOf(service.submit(work(null), "req-1"));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.code()).isEqualTo(Failure.Codes.BACKEND_UNAVAILABLE);
  }

  @Test
  void inSyncDirectModeASubmissionRunsInlineAndIsNeverQueued() {
    mode = mode.withConfigured(SystemMode.SYNC_DIRECT);

    Future<Submitted> submitted = service.submit(work(null), "req-1");
    assertThat(f.handler.running()).isEqualTo(1);
    f.handler.succeedOldest();

    assertThat(result(submitted).inline()).isTrue();
    assertThat(result(submitted).task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(finishedInline).hasSize(1);
    assertThat(result(f.backend.list(new TaskQuery(null, null, 10)))).isEmpty();
    assertThat(woken).isEmpty();
  }

  @Test
  void aBatchWithBadItemsNamesEveryBadFieldAndPlacesNothing() {
    JsonObject batch = new JsonObject().put("tasks", new JsonArray()
        .add(work(null))
        .add(new JsonObject().put("type", "work").put("priority", "urgent"))
        .add("not an object"));

    Failure invalid = failureOf(service.submitBatch(batch, "req-1"));

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errors()).extracting(e -> e.field()).containsExactly("tasks[1].priority", "tasks[2]");
    assertThat(result(f.backend.list(new TaskQuery(null, null, 10)))).isEmpty();
  }

  @Test
  void aBatchLargerThanTheLimitIsRefusedAsTooLarge() {
    JsonArray items = new JsonArray();
    for (int i = 0; i <= f.config.http().batchMaxTasks(); i++) items.add(work(null));

    Failure tooLarge = failureOf(service.submitBatch(new JsonObject().put("tasks", items), "req-1"));

    assertThat(tooLarge.status()).isEqualTo(413);
  }

  @Test
  void aValidBatchIsPlacedInOrderAndWakesItsQueueOnce() {
    JsonObject batch = new JsonObject().put("tasks", new JsonArray().add(work("a")).add(work("b")).add(work("c")));

    JsonArray placed = result(service.submitBatch(batch, "req-1"));

    assertThat(placed).hasSize(3);
    assertThat(woken).containsExactly("jobs");
  }

  @Test
  void anEnqueueTheBackendRefusesRunsInlineWhenTheFallbackIsSyncDirectAndSetsOffTheHealthCheck() {
    f.backend.enqueueScript.add(ScriptedBackend.Answer.FAIL);

    Future<Submitted> submitted = service.submit(work(null), "req-1");
    assertThat(f.handler.running()).as("the submission that found the backend gone runs now").isEqualTo(1);
    f.handler.succeedOldest();

    assertThat(result(submitted).inline()).isTrue();
    assertThat(result(submitted).task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(finishedInline).hasSize(1);
    assertThat(f.backendFailures).hasSize(1);
  }

  @Test
  void aBatchTheBackendRefusesRunsEachTaskInlineWhenTheFallbackIsSyncDirect() {
    f.backend.enqueueScript.add(ScriptedBackend.Answer.FAIL);
    JsonObject batch = new JsonObject().put("tasks", new JsonArray().add(work("a")).add(work("b")));

    Future<JsonArray> answer = service.submitBatch(batch, "req-1");
    f.handler.succeedOldest();
    f.handler.succeedOldest();

    assertThat(result(answer)).hasSize(2).allSatisfy(item -> {
      assertThat(((JsonObject) item).getBoolean("inline")).isTrue();
      assertThat(((JsonObject) item).getJsonObject("task").getString("status")).isEqualTo("completed");
    });
    assertThat(f.backendFailures).hasSize(1);
  }

  @Test
  void anEnqueueTheBackendRefusesIsReportedToTheHealthCheckAndAnswered503WhenTheFallbackIsToReject() {
    mode = new ModeState(SystemMode.ASYNC_QUEUE, false, BackendFallback.REJECT);
    f.backend.enqueueScript.add(ScriptedBackend.Answer.FAIL);

    Failure unavailable = failureOf(service.submit(work(null), "req-1"));

    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.code()).isEqualTo(Failure.Codes.BACKEND_UNAVAILABLE);
    assertThat(f.backendFailures).hasSize(1);
    assertThat(f.handler.started).isEmpty();
  }

  @Test
  void anEnqueueTheBackendRefusesWhileTheQueuesArePausedIsAnswered503BecausePausedRunsNothing() {
    mode = mode.withConfigured(SystemMode.PAUSED);
    f.backend.enqueueScript.add(ScriptedBackend.Answer.FAIL);

    Failure unavailable = failureOf(service.submit(work(null), "req-1"));

    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(f.handler.started).isEmpty();
  }

  @Test
  void aWaitingTaskIsCancelledARunningOneIsHandedBackToStopAFinishedOneIsRefusedAndAnUnknownIdIsNotFound() {
    String active = result(service.submit(work(null), "r")).task().id();
    f.claim("jobs", 1);
    String waiting = result(service.submit(work(null), "r")).task().id();

    assertThat(result(service.cancel(waiting))).isInstanceOfSatisfying(CancelResult.Cancelled.class,
        c -> assertThat(c.task().status()).isEqualTo(TaskStatus.CANCELLED));
    assertThat(result(service.cancel(active))).isInstanceOfSatisfying(CancelResult.NotCancellable.class,
        r -> assertThat(r.status()).isEqualTo(TaskStatus.ACTIVE));
    Failure refused = failureOf(service.cancel(waiting));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo(Failure.Codes.NOT_CANCELLABLE);
    assertThat(failureOf(service.cancel("nope")).status()).isEqualTo(404);
  }
}
