package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** This node's store stopped answering; history and audit rows are buffered and retried. */
public record StoreUnavailable(Stamp stamp, String backend, int buffered, String error) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "store.unavailable", Severity.CRITICAL, "store:" + backend,
        "the store is unavailable; history and audit rows are buffered (" + buffered + " now) and retried: " + error,
        "buffered", buffered, "error", error);
  }
}
