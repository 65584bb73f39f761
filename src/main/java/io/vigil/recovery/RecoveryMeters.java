package io.vigil.recovery;

import io.vigil.observe.Meters;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/** {@code vigil_recovery_attempts_total{action, outcome}} and {@code vigil_recovery_escalations_total{reason}}. */
final class RecoveryMeters {
  private final Map<String, Runnable> counters = new ConcurrentHashMap<>();

  void attempt(String action, String outcome) {
    counters.computeIfAbsent("a:" + action + ":" + outcome, k -> Meters.counter("vigil.recovery.attempts",
        "Recovery attempts by action and outcome (healed, not_healed, failed)", "action", action, "outcome", outcome))
        .run();
  }

  void escalation(String reason) {
    counters.computeIfAbsent("e:" + reason, k -> Meters.counter("vigil.recovery.escalations",
        "Recovery gave up and asked for a person, by reason (exhausted, manual, budget)", "reason", reason)).run();
  }
}
