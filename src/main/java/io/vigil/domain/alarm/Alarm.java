package io.vigil.domain.alarm;

import io.vigil.domain.Severity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one alarm: what the store keeps, the API shows and notifications carry. The engine hands out a new
 * snapshot in every decision that changes an alarm and can be rebuilt from the open ones ({@link
 * AlarmEngine#restore}).
 *
 * @param series         the labels of the sample series (with the rule name, the fingerprint's input)
 * @param labels         the alarm's full labels: series, rule labels, {@code rule} and {@code severity}
 * @param annotations    rendered with the value of the moment the snapshot was taken
 * @param startsAt       when the condition started to hold (the alarm turned pending)
 * @param firedAt        null until it fires
 * @param clearingSince  when the value last stopped holding while fired (hysteresis in progress), else null
 *
 * <p>The value, its time and {@code clearingSince} change with every sample without a decision (that would be a
 * write per sample); a stored snapshot has them as of the alarm's last decision, {@link AlarmEngine#openAlarms()}
 * has them live. After a restart, a {@code clear_for} countdown the store does not know starts again from the first
 * fresh sample: an alarm may resolve later than it would have, never wrongly.
 */
public record Alarm(
    String id,
    String fingerprint,
    String rule,
    String metric,
    Labels series,
    Labels labels,
    Map<String, String> annotations,
    Severity severity,
    AlarmState state,
    double value,
    Instant valueAt,
    Instant startsAt,
    Instant firedAt,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant resolvedAt,
    String resolvedBy,
    boolean silenced,
    boolean suppressed,
    Delivery delivery,
    Instant clearingSince,
    Instant updatedAt) {

  public Alarm {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(labels, "labels");
    annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public String summary() {
    return annotations.getOrDefault(AlarmRule.SUMMARY, rule);
  }
}
