package io.vigil.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times in the capability stores (alarms, silences, outbox, recovery attempts, roll-ups) are kept to the millisecond,
 * the one precision on the wire (Redis scripts and JavaScript clients keep milliseconds). Their records truncate in
 * their constructors, so what a caller holds is what it reads back.
 */
public final class Millis {
  private Millis() {}

  public static Instant of(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
