package io.vigil.store;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.domain.Severity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an audit-log query ({@code type, severity, component, since, until, limit, cursor}) from a bus message,
 * naming every bad field at once. The HTTP edge uses the same field rules.
 */
public final class EventQueryParser {
  public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
  public static final int DEFAULT_LIMIT = 100;

  private EventQueryParser() {}

  /** @throws io.vigil.bus.FailureException 422 naming each bad field */
  public static EventQuery parse(JsonObject q, int maxLimit) {
    List<FieldError> errors = new ArrayList<>();
    Severity severity = null;
    Object rawSeverity = q.getValue("severity");
    if (rawSeverity != null) {
      if (rawSeverity instanceof String s && SEVERITIES.contains(s)) severity = Severity.fromWire(s);
      else errors.add(new FieldError("severity", "'" + rawSeverity + "' is not one of " + SEVERITIES));
    }
    Instant since = time(q, "since", errors);
    Instant until = time(q, "until", errors);
    if (since != null && until != null && !since.isBefore(until)) {
      errors.add(new FieldError("until", "must be after since"));
    }
    int limit = DEFAULT_LIMIT;
    Object rawLimit = q.getValue("limit");
    if (rawLimit != null) {
      if (rawLimit instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 1
          && n.longValue() <= maxLimit) {
        limit = n.intValue();
      } else {
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + maxLimit));
      }
    }
    EventCursor cursor = null;
    Object rawCursor = q.getValue("cursor");
    if (rawCursor != null) {
      try {
        cursor = EventCursor.parse(String.valueOf(rawCursor));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("cursor", "not a cursor from a previous page (use next_cursor as given)"));
      }
    }
    String type = text(q, "type", errors);
    String component = text(q, "component", errors);
    if (!errors.isEmpty()) throw Failure.invalid(errors).asException();
    return new EventQuery(type, severity, component, since, until, limit, cursor);
  }

  /** An ISO-8601 instant with an offset ({@code 2026-01-01T00:00:00Z}, {@code ...+02:00}), or null if unparseable. */
  public static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.trim().toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant time(JsonObject q, String field, List<FieldError> errors) {
    Object raw = q.getValue(field);
    if (raw == null) return null;
    Instant parsed = raw instanceof String s ? instant(s) : null;
    if (parsed == null) {
      errors.add(new FieldError(field, "'" + raw + "' is not an ISO-8601 time such as 2026-01-01T00:00:00Z"));
    }
    return parsed;
  }

  private static String text(JsonObject q, String field, List<FieldError> errors) {
    Object raw = q.getValue(field);
    if (raw == null) return null;
    if (raw instanceof String s && !s.isBlank() && s.length() <= 200) return s;
    errors.add(new FieldError(field, "must be a non-empty string of at most 200 characters"));
    return null;
  }
}
