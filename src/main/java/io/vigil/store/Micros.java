package io.vigil.store;

import java.time.Instant;

/**
 * Event cursors encode their time in microseconds, PostgreSQL's own precision (the times themselves are whole
 * milliseconds, {@code domain/Millis}), so a cursor handed out earlier stays readable.
 */
public final class Micros {
  private Micros() {}

  static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
