package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** A system-config entry was written; every node's cache drops the key. */
public record ConfigChanged(Stamp stamp, String key, String actor) implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "config.changed", Severity.INFO, "config", "config '" + key + "' set by " + actor,
        "key", key);
  }
}
