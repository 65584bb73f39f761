package io.vigil.domain.fact;

import io.vigil.domain.Degraded;
import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/**
 * A task was answered degraded on this node: its type's target breaker was open, so a fallback handler or a cached
 * result answered instead of the target (graceful degradation, {@code task_types.<type>.degrade}).
 */
public record TaskDegraded(Stamp stamp, String queue, String type, String taskId, Degraded degraded)
    implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "task.degraded", Severity.WARNING, "queue:" + queue,
        "task " + taskId + " (" + type + ") answered by " + degraded.strategy() + ": circuit breaker "
            + degraded.breaker() + " is open",
        "task_id", taskId, "type", type, "strategy", degraded.strategy(), "breaker", degraded.breaker(),
        "result_at", degraded.resultAt());
  }
}
