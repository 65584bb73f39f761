package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Millis;
import io.vigil.domain.Severity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one view of a fact: the form the audit log keeps and the live stream sends ({@link Event}). */
public final class FactView {
  private FactView() {}

  public static Event event(Fact fact) {
    return fact.view();
  }

  /**
   * A fact's view with its id, time and actor.
   *
   * @param type           dotted, as the audit log and the stream name it, e.g. {@code queue.paused}
   * @param component      what it is about, e.g. {@code queue:default}, {@code store:pg}, {@code system}
   * @param detailsInOrder snake_case keys and values; absent ones (null, blank text) are left out, instants are
   *                       written as {@link Millis#format} text
   */
  static Event of(Fact fact, String type, Severity severity, String component, String message,
                  Object... detailsInOrder) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i + 1 < detailsInOrder.length; i += 2) {
      Object value = detailsInOrder[i + 1];
      if (value == null || value instanceof String text && text.isBlank()) continue;
      details.put((String) detailsInOrder[i], value instanceof Instant at ? Millis.format(at) : value);
    }
    return new Event(fact.id(), fact.at(), type, severity, component, fact.actor(), message, details);
  }
}
