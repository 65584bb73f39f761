package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** This node's queue backend answers again. */
public record BackendRestored(Stamp stamp, String backend, long downtimeMs) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "queue.backend.restored", Severity.INFO, "queue-backend:" + backend,
        "queue backend " + backend + " answers again after " + downtimeMs / 1000 + " s",
        "backend", backend, "downtime_ms", downtimeMs);
  }
}
