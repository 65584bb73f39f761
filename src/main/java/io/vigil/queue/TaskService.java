package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.observe.TaskMeters;
import io.vigil.bus.Failure;
import io.vigil.bus.FailureException;
import io.vigil.bus.FieldError;
import io.vigil.bus.TaskJson;
import io.vigil.config.QueueSlice;
import io.vigil.domain.ModeState;
import io.vigil.domain.SystemMode;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.TaskStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** Submitting, reading and cancelling tasks: what the task commands on the bus do. */
final class TaskService {
  private final Supplier<QueueSlice> config;
  private final QueueBackend backend;
  private final Clock clock;
  private final TaskIds ids;
  private final TaskRequestParser parser;
  private final InlineRunner inline;
  private final Supplier<ModeState> mode;
  private final Consumer<String> wakeQueue;
  private final Function<String, ClaimRider> riders;
  private final Consumer<Throwable> backendFailed;

  /**
   * @param wakeQueue tells a queue's runner that work was placed
   * @param riders    a queue's runner's room, claimed in the enqueue's own call (null for a queue without a runner)
   */
  TaskService(Supplier<QueueSlice> config, QueueBackend backend, Clock clock, InlineRunner inline, Supplier<ModeState> mode,
              Consumer<String> wakeQueue, Function<String, ClaimRider> riders, Consumer<Throwable> backendFailed) {
    this.config = config;
    this.backend = backend;
    this.clock = clock;
    this.ids = new TaskIds(clock);
    this.parser = new TaskRequestParser(config, clock);
    this.inline = inline;
    this.mode = mode;
    this.wakeQueue = wakeQueue;
    this.riders = riders;
    this.backendFailed = backendFailed;
  }

  Future<Submitted> submit(JsonObject body, String requestId) {
    try {
      admit();
      TaskRequest request = parser.parse(body, "");
      Task task = newTask(request);
      if (mode.get().effective() == SystemMode.SYNC_DIRECT) {
        return inline.run(task, request.fingerprint(), requestId);
      }
      return enqueue(List.of(new NewTask(task, request.fingerprint())),
          placed -> placed.get(0).withRequestPayload(request.payloadJson()),
          () -> inline.run(task, request.fingerprint(), requestId));
    } catch (FailureException e) {
      return Future.failedFuture(e);
    }
  }

  /** Every item placed (or run inline); the answer lists one entry per item, in order. */
  Future<JsonArray> submitBatch(JsonObject body, String requestId) {
    try {
      admit();
      JsonArray items = body.getValue("tasks") instanceof JsonArray array ? array : null;
      if (items == null || items.isEmpty()) {
        throw Failure.invalid(List.of(new FieldError("tasks", "must be a non-empty array of tasks"))).asException();
      }
      if (items.size() > config.get().batchMaxTasks()) {
        throw Failure.of(413, Failure.Codes.PAYLOAD_TOO_LARGE,
            "a batch holds at most " + config.get().batchMaxTasks() + " tasks; this one has " + items.size()).asException();
      }
      List<NewTask> tasks = new ArrayList<>(items.size());
      List<FieldError> errors = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        String path = "tasks[" + i + "].";
        if (!(items.getValue(i) instanceof JsonObject item)) {
          errors.add(new FieldError("tasks[" + i + "]", "must be a JSON object"));
          continue;
        }
        try {
          TaskRequest request = parser.parse(item, path);
          tasks.add(new NewTask(newTask(request), request.fingerprint()));
        } catch (FailureException e) {
          if (e.failure().status() != 422) throw e;
          errors.addAll(e.failure().errors());
        }
      }
      if (!errors.isEmpty()) throw Failure.invalid(errors).asException();
      if (mode.get().effective() == SystemMode.SYNC_DIRECT) return runInline(tasks, requestId);
      return enqueue(tasks, placed -> new JsonArray(placed.stream().map(Submitted::toJson).toList()),
          () -> runInline(tasks, requestId));
    } catch (FailureException e) {
      return Future.failedFuture(e);
    }
  }

  Future<Task> get(String id) {
    return backend.get(id).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failure.notFound("task " + id).asException())));
  }

  Future<List<Task>> list(String queue, TaskStatus status, int limit, boolean degradedOnly) {
    if (queue != null && !config.get().queues().containsKey(queue)) { // here, not in HTTP: queues change on reload
      return Future.failedFuture(new Failure(422, Failure.Codes.UNKNOWN_QUEUE, "unknown queue '" + queue + "'",
          List.of(new FieldError("queue", "not one of " + config.get().queues().keySet())), null).asException());
    }
    return backend.list(new TaskQuery(queue, status, limit, degradedOnly));
  }

  /**
   * Cancels a waiting task ({@link CancelResult.Cancelled}), or answers an active one as
   * {@link CancelResult.NotCancellable} with status active, for the caller to stop where it runs; a finished task is
   * 409, an unknown one 404.
   */
  Future<CancelResult> cancel(String id) {
    return backend.cancel(id).compose(result -> {
      if (result instanceof CancelResult.Cancelled) return Future.succeededFuture(result);
      if (result instanceof CancelResult.NotCancellable refused) {
        if (refused.status() == TaskStatus.ACTIVE) return Future.succeededFuture(result);
        return Future.failedFuture(Failure.of(409, Failure.Codes.NOT_CANCELLABLE, "task " + id + " is "
            + refused.status().wireName() + "; only waiting or running tasks can be cancelled").asException());
      }
      return Future.failedFuture(Failure.notFound("task " + id).asException());
    });
  }

  /** Refuses new work while stopped, or while the backend is lost and the fallback is to reject. */
  private void admit() {
    ModeState state = mode.get();
    Integer retryAfter = config.get().system().retryAfterSeconds();
    if (!state.effective().acceptsWork()) {
      throw Failure.unavailable(Failure.Codes.SYSTEM_STOPPED, "Vigil is stopped and takes no new work", retryAfter)
          .asException();
    }
    if (state.rejectsNewWork()) {
      throw Failure.unavailable(Failure.Codes.BACKEND_UNAVAILABLE,
          "the queue backend is unreachable and the fallback is to reject new work", retryAfter).asException();
    }
  }

  private Task newTask(TaskRequest request) {
    return Task.create(ids.next(), request.queue(), request.type(), request.payload(), request.priority(),
        request.runAt(), request.maxAttempts(), request.idempotencyKey(), clock.instant()).withGroup(request.group());
  }

  /** Each task runs on its own: one failure must not hide the others' results. */
  private Future<JsonArray> runInline(List<NewTask> tasks, String requestId) {
    List<Future<JsonObject>> runs = tasks.stream().map(t -> inline.run(t.task(), t.fingerprint(), requestId)
        .map(Submitted::toJson)
        .otherwise(error -> new JsonObject().put("error", Failure.from(error).toJson()))).toList();
    return Future.all(runs).map(all -> new JsonArray(all.<JsonObject>list()));
  }

  /**
   * Places the tasks and answers with {@code answer}. When the backend does not take them, the health check is set off
   * and, if losing the backend would switch this node to sync_direct, they run inline now ({@code inlineInstead}):
   * the submission that finds the backend gone is the first the fallback serves, not a 503. (Should the backend
   * have stored them after all, as when only its reply was lost, they run again from the queue: at least once.)
   */
  private <T> Future<T> enqueue(List<NewTask> tasks, Function<List<Submitted>, T> answer, Supplier<Future<T>> inlineInstead) {
    String queue = tasks.get(0).task().queue();
    ClaimRider rider = riders.apply(queue);
    ClaimRequest claim = rider == null ? null : rider.offer();
    Future<WithClaim<EnqueueResult>> call = claim == null ? backend.enqueue(tasks).map(WithClaim::notMade)
        : backend.enqueueAndClaim(tasks, claim);
    return call.transform(done -> {
      if (claim != null) rider.answered(claim, done); // the runner looks at the queue itself: no wake for it
      if (done.succeeded()) return placed(tasks, done.result().result(), claim == null ? null : queue).map(answer);
      backendFailed.accept(done.cause());
      if (mode.get().withBackendLost(true).effective() == SystemMode.SYNC_DIRECT) return inlineInstead.get();
      return Future.failedFuture(Failure.unavailable(Failure.Codes.BACKEND_UNAVAILABLE,
          "the queue backend did not take the task: " + done.cause().getMessage(),
          config.get().system().retryAfterSeconds()).asException());
    });
  }

  /** @param claimedQueue the queue whose runner claimed with the enqueue (null: none), which needs no wake */
  private Future<List<Submitted>> placed(List<NewTask> tasks, EnqueueResult result, String claimedQueue) {
    if (result.hasConflicts()) {
      EnqueueResult.Conflict first = result.conflicts().get(0);
      List<FieldError> where = result.conflicts().stream().map(c -> new FieldError(
          tasks.size() == 1 ? "idempotency_key" : "tasks[" + c.index() + "].idempotency_key",
          "key '" + c.idempotencyKey() + "' belongs to task " + c.existingTaskId() + " with a different payload"))
          .toList();
      return Future.failedFuture(new Failure(409, Failure.Codes.IDEMPOTENCY_CONFLICT, "idempotency key '"
          + first.idempotencyKey() + "' was already used for a different task", where, null).asException());
    }
    List<Submitted> submitted = new ArrayList<>(result.placed().size());
    String lastWoken = null;
    for (EnqueueResult.Placed placed : result.placed()) {
      submitted.add(new Submitted(placed.task(), placed.duplicate(), false));
      if (!placed.duplicate()) TaskMeters.get().submitted(placed.task());
      String queue = placed.task().queue();
      if (!placed.duplicate() && !queue.equals(lastWoken) && !queue.equals(claimedQueue)) {
        wakeQueue.accept(queue);
        lastWoken = queue;
      }
    }
    return Future.succeededFuture(submitted);
  }

  static JsonObject tasksJson(List<Task> tasks) {
    return new JsonObject().put("tasks", new JsonArray(tasks.stream().map(TaskJson::toJson).toList()));
  }
}
