package io.vigil.queue.handler;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

/** Turns what a target answered into the JSON text stored as a task's result. */
final class Results {
  /** Results larger than this are cut (a task result is a receipt, not a payload store). */
  static final int MAX_CHARS = 64 * 1024;

  private Results() {}

  static String fromBusReply(Object body) {
    if (body == null) return null;
    if (body instanceof Buffer buffer) return fromText(buffer.toString());
    if (body instanceof String text) return Json.encode(truncate(text));
    String json = Json.encode(body);
    return json.length() <= MAX_CHARS ? json : Json.encode(truncate(json));
  }

  /** JSON as it came, anything else as a JSON string. */
  static String fromText(String text) {
    if (text == null || text.isBlank()) return null;
    if (text.length() <= MAX_CHARS) {
      try {
        Json.decodeValue(text);
        return text;
      } catch (DecodeException notJson) {
        // kept as a string below
      }
    }
    return Json.encode(truncate(text));
  }

  private static String truncate(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "…";
  }
}
