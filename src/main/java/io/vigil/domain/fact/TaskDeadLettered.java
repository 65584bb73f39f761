package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** A task used its last attempt (or failed permanently) and went to its queue's dead letters. */
public record TaskDeadLettered(Stamp stamp, String taskId, String taskType, String queue, int attempts, String error)
    implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "task.dead_lettered", Severity.WARNING, "queue:" + queue,
        "task " + taskId + " (" + taskType + ") dead-lettered after " + attempts + " attempt(s): " + error,
        "task_id", taskId, "type", taskType, "queue", queue, "attempts", attempts, "error", error);
  }
}
