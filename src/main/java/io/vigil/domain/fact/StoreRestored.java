package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** This node's store answers again; what is buffered is flushed in order. */
public record StoreRestored(Stamp stamp, String backend, long downtimeMs, int buffered) implements Fact {

  @Override
  public String type() {
    return "store.restored";
  }

  @Override
  public Severity severity() {
    return Severity.INFO;
  }

  @Override
  public String component() {
    return "store:" + backend;
  }

  @Override
  public String message() {
    return "the store answers again after " + downtimeMs + " ms; flushing the " + buffered
        + " row(s) still buffered in order";
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("downtime_ms", downtimeMs, "buffered", buffered);
  }
}
