package io.vigil.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in the file: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1d}. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** The duration, or null when the text is not one ({@code 0} alone is zero). */
  public static Duration parse(String text) {
    if (text == null) return null;
    String t = text.trim();
    if (t.equals("0")) return Duration.ZERO;
    if (!WHOLE.matcher(t).matches()) return null;
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return total;
  }

  /** The shortest way to write it back: {@code 1h30m}, {@code 250ms}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isZero()) return "0s";
    StringBuilder out = new StringBuilder();
    if (d.toDaysPart() > 0) out.append(d.toDaysPart()).append('d');
    if (d.toHoursPart() > 0) out.append(d.toHoursPart()).append('h');
    if (d.toMinutesPart() > 0) out.append(d.toMinutesPart()).append('m');
    if (d.toSecondsPart() > 0) out.append(d.toSecondsPart()).append('s');
    if (d.toMillisPart() > 0) out.append(d.toMillisPart()).append("ms");
    return out.toString();
  }
}
