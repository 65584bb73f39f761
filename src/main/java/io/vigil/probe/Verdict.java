package io.vigil.probe;

import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects what a check found wrong and answers the worst of it as one outcome: any failure makes it failed, else
 * any concern makes it degraded, else ok. Every finding is kept, joined with "; ", so a reader sees them all.
 */
final class Verdict {
  private final List<String> failures = new ArrayList<>();
  private final List<String> concerns = new ArrayList<>();

  Verdict fail(String why) {
    failures.add(why);
    return this;
  }

  Verdict concern(String why) {
    concerns.add(why);
    return this;
  }

  /** A figure against a threshold pair: at or above {@code unhealthy} fails, at or above {@code degraded} concerns. */
  Verdict ratio(String what, double value, ProbeSpec.Threshold threshold) {
    if (value >= threshold.unhealthy()) fail(what + " " + percent(value) + " at or above " + percent(threshold.unhealthy()));
    else if (value >= threshold.degraded()) concern(what + " " + percent(value) + " at or above " + percent(threshold.degraded()));
    return this;
  }

  HealthOutcome outcome() {
    if (!failures.isEmpty()) return HealthOutcome.failed(String.join("; ", failures));
    if (!concerns.isEmpty()) return HealthOutcome.degraded(String.join("; ", concerns));
    return HealthOutcome.ok();
  }

  /** Milliseconds below 10 s, whole seconds above. */
  static String duration(long ms) {
    return ms < 10_000 ? ms + " ms" : ms / 1000 + " s";
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }
}
