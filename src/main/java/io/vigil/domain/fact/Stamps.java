package io.vigil.domain.fact;

import io.vigil.domain.Millis;
import io.vigil.domain.TaskIds;

import java.time.Clock;
import java.time.Instant;

/** Stamps facts with a time-ordered id and the time from the injected clock, in milliseconds. */
public final class Stamps {
  private final Clock clock;
  private final TaskIds ids;

  public Stamps(Clock clock) {
    this.clock = clock;
    this.ids = new TaskIds(clock);
  }

  public Stamp next() {
    return at(clock.instant());
  }

  /** A stamp for what happened at {@code at} (a time another clock-driven class recorded), in milliseconds. */
  public Stamp at(Instant at) {
    return new Stamp(ids.next(), Millis.of(at));
  }
}
