package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** An operator purged a queue's dead letters (history keeps them). */
public record DeadLettersPurged(Stamp stamp, String queue, int count, String actor, String reason) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "deadletters.purged", Severity.WARNING, "queue:" + queue,
        count + " dead-lettered task(s) of " + queue + " purged by " + actor,
        "queue", queue, "count", count, "reason", reason);
  }
}
