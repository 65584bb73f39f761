package io.vigil.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** PostgreSQL keeps times to the microsecond; every store does the same so they answer alike. */
public final class Micros {
  private Micros() {}

  public static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The task with every time truncated to the microsecond. */
  public static io.vigil.domain.Task truncate(io.vigil.domain.Task t) {
    return new io.vigil.domain.Task(t.id(), t.queue(), t.type(), t.payload(), t.priority(), truncate(t.runAt()),
        t.attempts(), t.maxAttempts(), t.idempotencyKey(), t.status(), truncate(t.createdAt()),
        truncate(t.updatedAt()), truncate(t.startedAt()), truncate(t.finishedAt()), t.lastError(), t.result());
  }

  static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
