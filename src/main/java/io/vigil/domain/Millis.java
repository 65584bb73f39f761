package io.vigil.domain;

import java.time.Instant;
import java.time.LocalDate;
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
  /** Epoch days of 0000-01-01 and 9999-12-31: the years written with four digits, formatted by hand. */
  private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
  /** The last day formatted ("2026-01-01T"): times are mostly of today, so the date part is made once a day. */
  private static volatile Day lastDay = new Day(0, "1970-01-01T");

  private record Day(long epochDay, String text) {}

  private Millis() {}

  /** {@code instant} cut to the millisecond (null stays null). */
  public static Instant of(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Whether {@code instant} is null or already a whole millisecond. */
  public static boolean isWhole(Instant instant) {
    return instant == null || instant.getNano() % 1_000_000 == 0;
  }

  /**
   * ISO-8601 UTC with exactly three decimals (null stays null), finer digits cut: what {@code DateTimeFormatter}'s
   * {@code appendInstant(3)} writes, by hand for the years 0000–9999 (a task's reply formats up to three times, and
   * the formatter was a tenth of its allocation), by the formatter outside them.
   */
  public static String format(Instant instant) {
    if (instant == null) return null;
    long epochDay = Math.floorDiv(instant.getEpochSecond(), 86_400L);
    if (epochDay < FIRST_DAY || epochDay > LAST_DAY) return TEXT.format(instant);
    Day day = lastDay;
    if (day.epochDay() != epochDay) {
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      StringBuilder text = new StringBuilder(11);
      pad(text, date.getYear(), 4).append('-');
      pad(text, date.getMonthValue(), 2).append('-');
      pad(text, date.getDayOfMonth(), 2).append('T');
      day = new Day(epochDay, text.toString());
      lastDay = day;
    }
    long ms = Math.floorMod(instant.getEpochSecond(), 86_400L) * 1000 + instant.getNano() / 1_000_000;
    char[] out = new char[24];
    day.text().getChars(0, 11, out, 0);
    two(out, 11, (int) (ms / 3_600_000));
    out[13] = ':';
    two(out, 14, (int) (ms / 60_000 % 60));
    out[16] = ':';
    two(out, 17, (int) (ms / 1000 % 60));
    out[19] = '.';
    int milli = (int) (ms % 1000);
    out[20] = (char) ('0' + milli / 100);
    two(out, 21, milli % 100);
    out[23] = 'Z';
    return new String(out);
  }

  private static StringBuilder pad(StringBuilder into, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) into.append('0');
    return into.append(digits);
  }

  private static void two(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }
}
