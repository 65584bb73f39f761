package io.vigil.domain.fact;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a fact's details in the order given, leaving out what is absent (null or blank text). */
final class Details {
  private Details() {}

  static Map<String, Object> of(Object... keysAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value == null || value instanceof String text && text.isBlank()) continue;
      details.put((String) keysAndValues[i], value);
    }
    return details;
  }

  static String queue(String queue) {
    return "queue:" + queue;
  }
}
