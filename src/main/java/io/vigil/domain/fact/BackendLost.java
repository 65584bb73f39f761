package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** This node cannot reach its queue backend. */
public record BackendLost(Stamp stamp, String backend, String error) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "queue.backend.lost", Severity.CRITICAL, "queue-backend:" + backend,
        "queue backend " + backend + " is unreachable: " + error, "backend", backend, "error", error);
  }
}
