package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** A task used its last attempt (or failed permanently) and went to its queue's dead letters. */
public record TaskDeadLettered(Stamp stamp, String taskId, String taskType, String queue, int attempts, String error)
    implements Fact {

  @Override
  public String type() {
    return "task.dead_lettered";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String component() {
    return Details.queue(queue);
  }

  @Override
  public String message() {
    return "task " + taskId + " (" + taskType + ") dead-lettered after " + attempts + " attempt(s): " + error;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("task_id", taskId, "type", taskType, "queue", queue, "attempts", attempts, "error", error);
  }
}
