package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** An operator cancelled a task that had not started. */
public record TaskCancelled(Stamp stamp, String taskId, String taskType, String queue, int attempts, String actor,
                            String reason) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "task.cancelled", Severity.INFO, "queue:" + queue, "task " + taskId + " cancelled by " + actor,
        "task_id", taskId, "type", taskType, "queue", queue, "attempts", attempts, "reason", reason);
  }
}
