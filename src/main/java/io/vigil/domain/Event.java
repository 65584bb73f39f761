package io.vigil.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A fact worth showing and keeping: it goes to the live stream and to the audit log.
 *
 * @param type      dotted name, e.g. {@code queue.paused}, {@code task.dead_lettered}
 * @param component what it is about, e.g. {@code queue:default}, {@code store}
 * @param actor     who caused it: a token name for manual actions, {@code system} otherwise
 * @param details   small JSON-able map (strings, numbers, booleans, nested maps and lists)
 */
public record Event(
    String id,
    Instant time,
    String type,
    Severity severity,
    String component,
    String actor,
    String message,
    Map<String, Object> details) {

  public static final String SYSTEM_ACTOR = "system";

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(component, "component");
    actor = actor == null ? SYSTEM_ACTOR : actor;
    message = message == null ? "" : message;
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
