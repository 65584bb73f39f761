package io.vigil.bus;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Vigil's one format for times on the wire (API, stream, bus, stored JSON): ISO-8601 UTC with exactly three
 * decimals, {@code 2026-01-01T12:00:00.000Z}. Milliseconds are the precision every part keeps (the Redis scripts and
 * JavaScript clients have no finer), and a fixed width sorts as text.
 */
public final class WireTime {
  private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private WireTime() {}

  public static String format(Instant instant) {
    return instant == null ? null : MILLIS.format(instant);
  }
}
