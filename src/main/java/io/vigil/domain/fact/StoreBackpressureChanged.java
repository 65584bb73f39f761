package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** This node's store buffer crossed its high-water mark (consumers pause claiming) or drained below its low one. */
public record StoreBackpressureChanged(Stamp stamp, String backend, boolean active, int buffered, int highWater,
                                       int lowWater) implements Fact {

  @Override
  public Event view() {
    String message = active
        ? buffered + " rows wait for the store (high-water mark " + highWater + "): consumers pause claiming"
        : "the store's buffer drained to " + buffered + " rows: consumers claim again";
    return FactView.of(this, active ? "store.backpressure.on" : "store.backpressure.off",
        active ? Severity.WARNING : Severity.INFO, "store:" + backend, message,
        "active", active, "buffered", buffered, "high_water", highWater, "low_water", lowWater);
  }
}
