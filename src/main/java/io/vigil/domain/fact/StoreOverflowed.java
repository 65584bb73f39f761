package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** The store's buffer is at its hard limit and rows are being refused (once per overflow episode). */
public record StoreOverflowed(Stamp stamp, String backend, int refused, long refusedTotal, int buffered)
    implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "store.overflow", Severity.CRITICAL, "store:" + backend,
        "the store's buffer is full (" + buffered + " rows): " + refused + " row(s) refused, " + refusedTotal
            + " since start; see the log for their ids",
        "refused", refused, "refused_total", refusedTotal, "buffered", buffered);
  }
}
