package io.vigil.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;

import java.time.Instant;

/** Small helpers shared by the JSON mappings. */
final class Json {
  private Json() {}

  static String time(Instant instant) {
    return Millis.format(instant);
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  /** JSON text stored by Vigil back to a JSON value (object, array, string, number, boolean). */
  static Object value(String text) {
    if (text == null) return null;
    String trimmed = text.trim();
    if (trimmed.startsWith("{")) return new JsonObject(trimmed);
    if (trimmed.startsWith("[")) return new JsonArray(trimmed);
    return io.vertx.core.json.Json.decodeValue(trimmed);
  }
}
