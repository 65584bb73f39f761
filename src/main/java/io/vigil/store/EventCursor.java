package io.vigil.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of events ended: the (time, id) of its last event. Clients see it as an opaque URL-safe string and
 * must not build one themselves.
 */
public record EventCursor(Instant time, String id) {

  public String encode() {
    String plain = Micros.of(time) + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException when the text is not a cursor this store made */
  public static EventCursor parse(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon < 1) throw new IllegalArgumentException("not a cursor");
      long micros = Long.parseLong(plain.substring(0, colon));
      String id = plain.substring(colon + 1);
      UUID.fromString(id); // a cursor's id is always one of ours
      return new EventCursor(Micros.toInstant(micros), id);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid cursor", e);
    }
  }
}
