package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** This node cannot reach its queue backend. */
public record BackendLost(Stamp stamp, String backend, String error) implements Fact {

  @Override
  public String type() {
    return "queue.backend.lost";
  }

  @Override
  public Severity severity() {
    return Severity.CRITICAL;
  }

  @Override
  public String component() {
    return "queue-backend:" + backend;
  }

  @Override
  public String message() {
    return "queue backend " + backend + " is unreachable: " + error;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("backend", backend, "error", error);
  }
}
