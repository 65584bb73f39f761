package io.vigil.config;

import java.util.regex.Pattern;

/** Keeps secrets out of logs and API output. */
public final class Secrets {
  private static final Pattern USER_INFO = Pattern.compile("(://)([^/@:]*)(:[^/@]*)?@");

  private Secrets() {}

  /** {@code redis://user:secret@host} -> {@code redis://user:****@host}. */
  public static String maskUrl(String url) {
    if (url == null) return null;
    return USER_INFO.matcher(url).replaceFirst(m -> m.group(1) + m.group(2) + (m.group(3) == null ? "" : ":****") + "@");
  }
}
