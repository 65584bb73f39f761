package io.vigil.config;

import java.util.regex.Pattern;

/** Keeps secrets out of logs and API output. */
public final class Secrets {
  private static final Pattern USER_INFO = Pattern.compile("(://)([^/@:]*)(:[^/@]*)?@");

  private Secrets() {}

  /**
   * A resolved setting as it may be shown: tokens and header values hidden, passwords in URLs masked. Header values
   * are hidden whatever their name, since any header may carry a credential.
   */
  public static String maskSetting(String path, String value) {
    if (value == null || value.isEmpty()) return value;
    if (path.endsWith("tokens") || path.contains(".headers.") || path.endsWith("password") || path.endsWith("secret")) {
      return "****";
    }
    return path.endsWith("url") || path.endsWith("urls") ? maskUrls(value) : value;
  }

  /** Every URL in {@code text} masked, as {@link #maskUrl} does one (a list of seed nodes). */
  public static String maskUrls(String text) {
    if (text == null) return null;
    return USER_INFO.matcher(text).replaceAll(m -> m.group(1) + m.group(2) + (m.group(3) == null ? "" : ":****") + "@");
  }

  /** {@code redis://user:secret@host} -> {@code redis://user:****@host}. */
  public static String maskUrl(String url) {
    if (url == null) return null;
    return USER_INFO.matcher(url).replaceFirst(m -> m.group(1) + m.group(2) + (m.group(3) == null ? "" : ":****") + "@");
  }
}
