package io.vigil.probe;

import io.vigil.domain.health.HealthOutcome;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one check saw: an outcome and the figures behind it (JSON-able values, e.g. {@code status_code},
 * {@code depth}, {@code free_ratio}), which go into the result for the API, the stream and alarm rules.
 */
public record Reading(HealthOutcome outcome, Map<String, Object> figures) {
  public Reading {
    figures = figures == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  public static Reading ok() {
    return new Reading(HealthOutcome.ok(), Map.of());
  }

  public static Reading ok(Map<String, Object> figures) {
    return new Reading(HealthOutcome.ok(), figures);
  }

  public static Reading failed(String error) {
    return new Reading(HealthOutcome.failed(error), Map.of());
  }

  public static Reading unknown(String reason) {
    return new Reading(HealthOutcome.unknown(reason), Map.of());
  }

  /** The same figures with another outcome. */
  public Reading with(HealthOutcome outcome) {
    return new Reading(outcome, figures);
  }
}
