package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** This node's store answers again; what is buffered is flushed in order. */
public record StoreRestored(Stamp stamp, String backend, long downtimeMs, int buffered) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "store.restored", Severity.INFO, "store:" + backend,
        "the store answers again after " + downtimeMs + " ms; flushing the " + buffered + " row(s) still buffered in order",
        "downtime_ms", downtimeMs, "buffered", buffered);
  }
}
