package io.vigil.store;

import io.vigil.domain.Severity;

import java.time.Instant;

/**
 * Audit events matching every non-null filter: {@code since} inclusive, {@code until} exclusive; newest first, at
 * most {@code limit}, continuing after {@code cursor} when one is given.
 */
public record EventQuery(String type, Severity severity, String component, Instant since, Instant until, int limit,
                         EventCursor cursor) {
  public EventQuery {
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
  }

  public static EventQuery latest(int limit) {
    return new EventQuery(null, null, null, null, null, limit, null);
  }

  public EventQuery after(EventCursor next) {
    return new EventQuery(type, severity, component, since, until, limit, next);
  }
}
