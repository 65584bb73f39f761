package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** An operator purged a queue's dead letters (history keeps them). */
public record DeadLettersPurged(Stamp stamp, String queue, int count, String actor, String reason) implements Fact {

  @Override
  public String type() {
    return "deadletters.purged";
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
    return count + " dead-lettered task(s) of " + queue + " purged by " + actor;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("queue", queue, "count", count, "reason", reason);
  }
}
