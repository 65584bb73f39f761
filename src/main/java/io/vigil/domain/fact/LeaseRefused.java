package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.List;
import java.util.Map;

/** Outcomes the backend refused because their lease had been lost (the tasks run again elsewhere). */
public record LeaseRefused(Stamp stamp, String queue, List<String> taskIds) implements Fact {

  public LeaseRefused {
    taskIds = List.copyOf(taskIds);
  }

  @Override
  public String type() {
    return "lease.refused";
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
    return taskIds.size() + " outcome(s) refused: the lease had been lost (task re-run elsewhere)";
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("queue", queue, "task_ids", taskIds);
  }
}
