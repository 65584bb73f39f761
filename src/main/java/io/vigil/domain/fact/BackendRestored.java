package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** This node's queue backend answers again. */
public record BackendRestored(Stamp stamp, String backend, long downtimeMs) implements Fact {

  @Override
  public String type() {
    return "queue.backend.restored";
  }

  @Override
  public Severity severity() {
    return Severity.INFO;
  }

  @Override
  public String component() {
    return "queue-backend:" + backend;
  }

  @Override
  public String message() {
    return "queue backend " + backend + " answers again after " + downtimeMs / 1000 + " s";
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("backend", backend, "downtime_ms", downtimeMs);
  }
}
