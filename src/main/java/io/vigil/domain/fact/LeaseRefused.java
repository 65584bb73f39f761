package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.util.List;

/** Outcomes the backend refused because their lease had been lost (the tasks run again elsewhere). */
public record LeaseRefused(Stamp stamp, String queue, List<String> taskIds) implements Fact {

  public LeaseRefused {
    taskIds = List.copyOf(taskIds);
  }

  @Override
  public Event view() {
    return FactView.of(this, "lease.refused", Severity.WARNING, "queue:" + queue,
        taskIds.size() + " outcome(s) refused: the lease had been lost (task re-run elsewhere)",
        "queue", queue, "task_ids", taskIds);
  }
}
