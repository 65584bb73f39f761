package io.vigil.domain.fact;

import java.time.Instant;
import java.util.Objects;

/** A fact's identity: a time-ordered id and its one instant (millisecond precision). */
public record Stamp(String id, Instant at) {
  public Stamp {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
  }
}
