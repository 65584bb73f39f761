package io.vigil.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on the wire: ISO-8601 UTC with milliseconds, always three digits (the project's one precision). */
final class WireTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private WireTime() {}

  static String format(Instant at) {
    return FORMAT.format(at);
  }
}
