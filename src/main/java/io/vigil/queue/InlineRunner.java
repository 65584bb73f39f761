package io.vigil.queue;

import io.vertx.core.Future;
import io.vigil.observe.TaskMeters;
import io.vigil.bus.Failure;
import io.vigil.domain.FailureKind;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a submission at once, bypassing the queue (system mode sync_direct). One attempt: success answers with the
 * result; failure answers with a problem and nothing is left pending, so the client knows to try again. Idempotency
 * keys are remembered here (bounded, for the window) so a repeated submission is answered, not run twice — even
 * while the first run is still under way.
 */
final class InlineRunner {
  static final int MAX_REMEMBERED = 100_000;

  private record Remembered(String fingerprint, Future<Submitted> run, Instant expiresAt) {}

  private final TaskExecutor executor;
  /** Where finished tasks go (the history). */
  private final Consumer<List<Task>> finished;
  private final Clock clock;
  private final Duration window;
  private final Map<String, Remembered> byKey = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };

  InlineRunner(TaskExecutor executor, Consumer<List<Task>> finished, Clock clock, Duration window) {
    this.executor = executor;
    this.finished = finished;
    this.clock = clock;
    this.window = window;
  }

  Future<Submitted> run(Task task, String fingerprint, String requestId) {
    if (task.idempotencyKey() == null) return execute(task, requestId);
    String key = task.queue() + '\u0000' + task.idempotencyKey();
    Instant now = clock.instant();
    Remembered known = byKey.get(key);
    if (known != null && known.expiresAt().isAfter(now)) {
      if (!known.fingerprint().equals(fingerprint)) {
        return Future.failedFuture(Failure.of(409, Failure.Codes.IDEMPOTENCY_CONFLICT,
            "idempotency key '" + task.idempotencyKey() + "' was used for a different task").asException());
      }
      return known.run().map(first -> new Submitted(first.task(), true, true));
    }
    Future<Submitted> run = execute(task, requestId);
    byKey.put(key, new Remembered(fingerprint, run, now.plus(window)));
    run.onFailure(e -> byKey.remove(key)); // a failed run was not accepted: the client may try again
    return run;
  }

  private Future<Submitted> execute(Task task, String requestId) {
    TaskMeters.get().submitted(task);
    Task running = task.runningInline(clock.instant());
    return executor.run(running, requestId, true).compose(outcome -> {
      Instant now = clock.instant();
      if (outcome instanceof TaskOutcome.Succeeded ok) {
        Task done = running.completed(ok.result(), ok.degraded(), now);
        finished.accept(List.of(done));
        return Future.succeededFuture(new Submitted(done, false, true));
      }
      TaskOutcome.Failed failed = (TaskOutcome.Failed) outcome;
      Task dead = running.dead(failed.error(), now);
      finished.accept(List.of(dead));
      boolean permanent = failed.kind() == FailureKind.PERMANENT;
      return Future.failedFuture(new Failure(permanent ? 422 : 502, Failure.Codes.TASK_FAILED,
          "task " + dead.id() + " ran inline and failed: " + failed.error(), List.of(), null).asException());
    });
  }
}
