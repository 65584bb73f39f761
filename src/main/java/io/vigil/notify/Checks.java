package io.vigil.notify;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/** Checks shared by every channel record; messages name the channel and field, never a secret's value. */
final class Checks {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private Checks() {}

  static String name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("channel name '" + name + "' must match " + NAME.pattern());
    }
    return name;
  }

  static Duration timeout(String channel, Duration timeout) {
    if (timeout == null) return ChannelConfig.DEFAULT_TIMEOUT;
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("channel " + channel + ": timeout must be between 1 ms and 5 minutes");
    }
    return timeout;
  }

  static <T> T required(String channel, String field, T value) {
    if (value == null) throw new IllegalArgumentException("channel " + channel + ": " + field + " is required");
    return value;
  }

  /** An http(s) URL with a host; the message names the secret's source, never its value. */
  static Secret httpUrl(String channel, String field, Secret url) {
    required(channel, field, url);
    if (!isHttpUrl(url.reveal())) {
      throw new IllegalArgumentException("channel " + channel + ": " + field + " (" + url.source()
          + ") is not an http(s) URL");
    }
    return url;
  }

  static String httpUrl(String channel, String field, String url) {
    if (url == null || !isHttpUrl(url)) {
      throw new IllegalArgumentException("channel " + channel + ": " + field + " '" + Redactor.maskUrl(url)
          + "' is not an http(s) URL");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static boolean isHttpUrl(String s) {
    try {
      URI uri = URI.create(s);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
