package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** An operator paused or resumed a queue. */
public record QueueStateChanged(Stamp stamp, String queue, boolean paused, String actor, String reason)
    implements Fact {

  @Override
  public String type() {
    return paused ? "queue.paused" : "queue.resumed";
  }

  @Override
  public Severity severity() {
    return paused ? Severity.WARNING : Severity.INFO;
  }

  @Override
  public String component() {
    return Details.queue(queue);
  }

  @Override
  public String message() {
    return "queue " + queue + " " + (paused ? "paused" : "resumed") + " by " + actor;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("queue", queue, "paused", paused, "reason", reason);
  }
}
