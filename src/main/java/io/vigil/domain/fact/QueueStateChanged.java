package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** An operator paused or resumed a queue. */
public record QueueStateChanged(Stamp stamp, String queue, boolean paused, String actor, String reason)
    implements Fact {

  @Override
  public Event view() {
    String verb = paused ? "paused" : "resumed";
    return FactView.of(this, "queue." + verb, paused ? Severity.WARNING : Severity.INFO, "queue:" + queue,
        "queue " + queue + " " + verb + " by " + actor, "queue", queue, "paused", paused, "reason", reason);
  }
}
