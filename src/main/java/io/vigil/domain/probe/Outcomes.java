package io.vigil.domain.probe;

import io.vigil.domain.health.HealthOutcome;

import java.util.Locale;

/** Names and texts of {@link HealthOutcome}s, one place for the wire and the logs. */
public final class Outcomes {
  private Outcomes() {}

  /** {@code ok}, {@code degraded}, {@code failed} or {@code unknown}. */
  public static String name(HealthOutcome outcome) {
    return outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** The error or reason an outcome carries; null for ok. */
  public static String message(HealthOutcome outcome) {
    if (outcome instanceof HealthOutcome.Failed f) return f.error();
    if (outcome instanceof HealthOutcome.Degraded d) return d.reason();
    if (outcome instanceof HealthOutcome.Unknown u) return u.reason();
    return null;
  }

  /** The outcome named {@code name} with {@code message}; unknown names read as unknown. */
  public static HealthOutcome of(String name, String message) {
    return switch (name) {
      case "ok" -> HealthOutcome.ok();
      case "degraded" -> HealthOutcome.degraded(message);
      case "failed" -> HealthOutcome.failed(message);
      default -> HealthOutcome.unknown(message == null ? "unknown outcome '" + name + "'" : message);
    };
  }
}
