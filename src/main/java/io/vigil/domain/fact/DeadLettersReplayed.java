package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.util.List;

/** An operator sent dead-lettered tasks back to their queue with fresh attempts. */
public record DeadLettersReplayed(Stamp stamp, String queue, List<String> taskIds, String actor, String reason)
    implements Fact {

  public DeadLettersReplayed {
    taskIds = List.copyOf(taskIds);
  }

  @Override
  public Event view() {
    return FactView.of(this, "deadletters.replayed", Severity.INFO, "queue:" + queue,
        taskIds.size() + " dead-lettered task(s) of " + queue + " replayed by " + actor,
        "queue", queue, "count", taskIds.size(), "task_ids", taskIds, "reason", reason);
  }
}
