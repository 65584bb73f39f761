package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** An operator cancelled a task that had not started. */
public record TaskCancelled(Stamp stamp, String taskId, String taskType, String queue, int attempts, String actor,
                            String reason) implements Fact {

  @Override
  public String type() {
    return "task.cancelled";
  }

  @Override
  public Severity severity() {
    return Severity.INFO;
  }

  @Override
  public String component() {
    return Details.queue(queue);
  }

  @Override
  public String message() {
    return "task " + taskId + " cancelled by " + actor;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("task_id", taskId, "type", taskType, "queue", queue, "attempts", attempts, "reason", reason);
  }
}
