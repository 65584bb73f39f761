package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.domain.Degraded;
import io.vigil.domain.TaskOutcome;
import io.vigil.queue.handler.TaskContext;
import io.vigil.queue.handler.TaskHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A handler whose attempts wait until the test settles them, so a test decides what runs when. */
final class ScriptedHandler implements TaskHandler {
  /** Task ids in the order their attempts started. */
  final List<String> started = new ArrayList<>();
  private final Map<String, Promise<TaskOutcome>> running = new LinkedHashMap<>();

  @Override
  public Future<TaskOutcome> handle(TaskContext context) {
    started.add(context.task().id());
    Promise<TaskOutcome> outcome = Promise.promise();
    running.put(context.task().id(), outcome);
    return outcome.future();
  }

  int running() {
    return running.size();
  }

  List<String> runningIds() {
    return List.copyOf(running.keySet());
  }

  void succeed(String taskId, String result) {
    running.remove(taskId).complete(TaskOutcome.success(result));
  }

  /** Succeeds with an answer given while the type's breaker was open (a fallback or a cache). */
  void succeedDegraded(String taskId, String result, Degraded how) {
    running.remove(taskId).complete(new TaskOutcome.Succeeded(result, how));
  }

  void fail(String taskId, TaskOutcome failure) {
    running.remove(taskId).complete(failure);
  }

  /** Succeeds the attempt that started first among those still running. */
  String succeedOldest() {
    String id = running.keySet().iterator().next();
    succeed(id, "{\"ok\":true}");
    return id;
  }
}
