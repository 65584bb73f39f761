package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** This node's store buffer crossed its high-water mark (consumers pause claiming) or drained below its low one. */
public record StoreBackpressureChanged(Stamp stamp, String backend, boolean active, int buffered, int highWater,
                                       int lowWater) implements Fact {

  @Override
  public String type() {
    return active ? "store.backpressure.on" : "store.backpressure.off";
  }

  @Override
  public Severity severity() {
    return active ? Severity.WARNING : Severity.INFO;
  }

  @Override
  public String component() {
    return "store:" + backend;
  }

  @Override
  public String message() {
    return active
        ? buffered + " rows wait for the store (high-water mark " + highWater + "): consumers pause claiming"
        : "the store's buffer drained to " + buffered + " rows: consumers claim again";
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("active", active, "buffered", buffered, "high_water", highWater, "low_water", lowWater);
  }
}
