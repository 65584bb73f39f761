package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.List;
import java.util.Map;

/** An operator sent dead-lettered tasks back to their queue with fresh attempts. */
public record DeadLettersReplayed(Stamp stamp, String queue, List<String> taskIds, String actor, String reason)
    implements Fact {

  public DeadLettersReplayed {
    taskIds = List.copyOf(taskIds);
  }

  @Override
  public String type() {
    return "deadletters.replayed";
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
    return taskIds.size() + " dead-lettered task(s) of " + queue + " replayed by " + actor;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("queue", queue, "count", taskIds.size(), "task_ids", taskIds, "reason", reason);
  }
}
