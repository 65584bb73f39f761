package io.vigil.domain;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;

/**
 * Vigil's one time precision: the millisecond (the Redis scripts and JavaScript clients keep no finer). The node's
 * clock ticks in milliseconds ({@code app/Vigil}); whatever takes an instant it did not read itself — a queue backend,
 * a store, a fact's stamp, a notification — cuts it with {@link #of}, so what a caller holds is what it reads back;
 * and every time written as text (API, live stream, bus, stored JSON, notifications) has exactly three decimals,
 * {@code 2026-01-01T12:00:00.000Z} ({@link #format}): one width, so such times sort as text.
 */
public final class Millis {
  private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private Millis() {}

  /** {@code instant} cut to the millisecond (null stays null). */
  public static Instant of(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Whether {@code instant} is null or already a whole millisecond. */
  public static boolean isWhole(Instant instant) {
    return instant == null || instant.getNano() % 1_000_000 == 0;
  }

  /** ISO-8601 UTC with exactly three decimals (null stays null). */
  public static String format(Instant instant) {
    return instant == null ? null : TEXT.format(instant);
  }
}
