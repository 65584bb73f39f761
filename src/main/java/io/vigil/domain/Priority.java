package io.vigil.domain;

import java.util.Locale;
import java.util.Optional;

/** Priorities are 0..9, higher runs first; the names are shorthands for three of them. */
public final class Priority {
  public static final int MIN = 0;
  public static final int MAX = 9;
  public static final int LOW = 2;
  public static final int NORMAL = 5;
  public static final int HIGH = 8;

  private Priority() {}

  public static boolean isValid(int priority) {
    return priority >= MIN && priority <= MAX;
  }

  /** "high", "normal", "low" or a digit 0..9. */
  public static Optional<Integer> parse(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "high": return Optional.of(HIGH);
      case "normal": return Optional.of(NORMAL);
      case "low": return Optional.of(LOW);
      default:
        try {
          int value = Integer.parseInt(text);
          return isValid(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
    }
  }
}
