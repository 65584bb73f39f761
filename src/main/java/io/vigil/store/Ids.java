package io.vigil.store;

import java.util.Locale;

/** Store ids are canonical UUID strings, compared in lower case (the order PostgreSQL's uuid type sorts in). */
public final class Ids {
  private Ids() {}

  /** 8-4-4-4-12 hex digits. By hand, not a regex: the writer checks every row of tens of thousands a second. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != 36) return false;
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHex(c)) return false;
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** @throws IllegalArgumentException when the id is not a canonical UUID */
  public static String checked(String id) {
    if (!isValid(id)) throw new IllegalArgumentException("'" + id + "' is not a UUID");
    return id.toLowerCase(Locale.ROOT); // returns the same string when it is lower case already
  }
}
