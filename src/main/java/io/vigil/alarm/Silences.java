package io.vigil.alarm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.Durations;
import io.vigil.domain.alarm.InvalidRuleException;
import io.vigil.domain.alarm.LabelMatcher;
import io.vigil.store.silences.Silence;
import io.vigil.store.silences.SilenceMatcher;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Silences between the API, the store and the engine: a request body checked field by field (every bad field in one
 * 422), and the store's silence as the engine's.
 */
final class Silences {
  static final int MAX_MATCHERS = 20;
  static final int MAX_COMMENT = 1000;
  static final Duration MAX_LENGTH = Duration.ofDays(90);

  private Silences() {}

  /**
   * {@code {matchers: [{name, op, value}] or ["name=value", "name=~regex"], starts_at?, ends_at | duration, comment}}
   * from {@code actor}; starts now unless {@code starts_at} says otherwise.
   */
  static Silence fromRequest(JsonObject body, String id, String actor, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    List<SilenceMatcher> matchers = new ArrayList<>();
    Object raw = body.getValue("matchers");
    if (!(raw instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_MATCHERS) {
      errors.add(new FieldError("matchers", "1 to " + MAX_MATCHERS + " matchers: [{name, op, value}] or "
          + "[\"queue=orders\", \"rule=~\\\"queue-.*\\\"\"]"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        try {
          matchers.add(matcher(list.getValue(i)));
        } catch (IllegalArgumentException | ClassCastException e) {
          errors.add(new FieldError("matchers[" + i + "]", e.getMessage()));
        }
      }
    }
    Instant startsAt = instant(body, "starts_at", now, errors);
    Instant endsAt = null;
    if (body.containsKey("ends_at")) {
      endsAt = instant(body, "ends_at", null, errors);
    } else if (body.getValue("duration") instanceof String text && Durations.parse(text) != null) {
      endsAt = startsAt.plus(Durations.parse(text));
    } else {
      errors.add(new FieldError("ends_at", "give ends_at (ISO-8601) or duration (e.g. 2h)"));
    }
    if (endsAt != null && !endsAt.isAfter(startsAt)) errors.add(new FieldError("ends_at", "must be after starts_at"));
    if (endsAt != null && endsAt.isAfter(startsAt.plus(MAX_LENGTH))) {
      errors.add(new FieldError("ends_at", "a silence lasts at most " + MAX_LENGTH.toDays() + " days"));
    }
    if (endsAt != null && !endsAt.isAfter(now)) errors.add(new FieldError("ends_at", "must be in the future"));
    Object comment = body.getValue("comment");
    if (!(comment instanceof String c) || c.isBlank() || c.length() > MAX_COMMENT) {
      errors.add(new FieldError("comment", "say why, in 1 to " + MAX_COMMENT + " characters"));
    }
    if (errors.isEmpty()) {
      Silence silence = new Silence(id, matchers, startsAt, endsAt, actor, (String) comment, now, now);
      try {
        toEngine(silence);
      } catch (InvalidRuleException e) {
        e.problems().forEach(p -> errors.add(new FieldError("matchers", p.replaceFirst("^matchers: ", ""))));
      }
      if (errors.isEmpty()) return silence;
    }
    throw Failure.invalid(errors).asException();
  }

  /** The engine's form of a stored silence. */
  static io.vigil.domain.alarm.Silence toEngine(Silence s) {
    List<LabelMatcher> matchers = s.matchers().stream().map(m -> LabelMatcher.of(m.name(), switch (m.op()) {
      case EQUAL -> LabelMatcher.Op.EQ;
      case NOT_EQUAL -> LabelMatcher.Op.NE;
      case REGEX -> LabelMatcher.Op.RE;
      case NOT_REGEX -> LabelMatcher.Op.NRE;
    }, m.value())).toList();
    return new io.vigil.domain.alarm.Silence(s.id(), matchers, s.startsAt(), s.endsAt(), s.createdBy(), s.comment());
  }

  private static SilenceMatcher matcher(Object value) {
    if (value instanceof String text) {
      LabelMatcher m = LabelMatcher.parse(text);
      return new SilenceMatcher(m.name(), SilenceMatcher.Op.fromSymbol(m.op().symbol()), m.value());
    }
    JsonObject m = (JsonObject) value;
    String name = m.getString("name");
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("name: a label name (letters, digits, _)");
    }
    return new SilenceMatcher(name, SilenceMatcher.Op.fromSymbol(m.getString("op", "=")), m.getString("value", ""));
  }

  private static Instant instant(JsonObject body, String key, Instant fallback, List<FieldError> errors) {
    Object value = body.getValue(key);
    if (value == null) return fallback;
    try {
      return Instant.parse((String) value);
    } catch (ClassCastException | DateTimeParseException e) {
      errors.add(new FieldError(key, "an ISO-8601 time in UTC, e.g. 2026-01-01T10:00:00Z"));
      return fallback;
    }
  }
}
