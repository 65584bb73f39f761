package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** This node's store stopped answering; history and audit rows are buffered and retried. */
public record StoreUnavailable(Stamp stamp, String backend, int buffered, String error) implements Fact {

  @Override
  public String type() {
    return "store.unavailable";
  }

  @Override
  public Severity severity() {
    return Severity.CRITICAL;
  }

  @Override
  public String component() {
    return "store:" + backend;
  }

  @Override
  public String message() {
    return "the store is unavailable; history and audit rows are buffered (" + buffered + " now) and retried: " + error;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("buffered", buffered, "error", error);
  }
}
