package io.vigil.store.alarms;

import io.vigil.domain.Millis;
import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.store.Ids;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alarm from first breach to resolution, as stored. {@code fingerprint} (the rule and the labels it fired on) is
 * the dedup key: at most one open alarm per fingerprint. {@code version} is the optimistic lock: an update carries the
 * version it read and fails with a conflict when another writer got there first. Times are kept to the millisecond.
 *
 * @param suppressed      its component's parent is down: recorded and shown, not sent
 * @param silenced        a silence matches it: evaluated and shown, not sent
 * @param escalationLevel the tier of channels it has reached (0 = the first)
 * @param notifications   notifications sent for it so far (firing, reminders, escalations)
 * @param lastNotifiedAt  the last of them; reminders back off from here
 */
public record AlarmRecord(String id, String fingerprint, String rule, Severity severity, AlarmState state,
                          boolean suppressed, boolean silenced, Map<String, String> labels,
                          Map<String, String> annotations, Instant startedAt, Instant firedAt, Instant acknowledgedAt,
                          String acknowledgedBy, Instant resolvedAt, String resolvedBy, int escalationLevel,
                          int notifications, Instant lastNotifiedAt, Instant updatedAt, long version) {

  public AlarmRecord {
    id = Ids.checked(id);
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    labels = sorted(labels);
    annotations = sorted(annotations);
    startedAt = Millis.of(Objects.requireNonNull(startedAt, "startedAt"));
    firedAt = Millis.of(firedAt);
    acknowledgedAt = Millis.of(acknowledgedAt);
    resolvedAt = Millis.of(resolvedAt);
    lastNotifiedAt = Millis.of(lastNotifiedAt);
    updatedAt = Millis.of(Objects.requireNonNull(updatedAt, "updatedAt"));
    if (escalationLevel < 0 || notifications < 0) throw new IllegalArgumentException("counts must be >= 0");
  }

  public boolean isOpen() {
    return state.isOpen();
  }

  /** A new pending alarm: first breach at {@code at}, version 0 until the store has it. */
  public static Builder pending(String id, String fingerprint, String rule, Severity severity, Instant at) {
    return new Builder().id(id).fingerprint(fingerprint).rule(rule).severity(severity).state(AlarmState.PENDING)
        .startedAt(at).updatedAt(at);
  }

  /** A copy to change; the store checks {@code version} on update and answers the next one. */
  public Builder toBuilder() {
    return new Builder().id(id).fingerprint(fingerprint).rule(rule).severity(severity).state(state)
        .suppressed(suppressed).silenced(silenced).labels(labels).annotations(annotations).startedAt(startedAt)
        .firedAt(firedAt).acknowledgedAt(acknowledgedAt).acknowledgedBy(acknowledgedBy).resolvedAt(resolvedAt)
        .resolvedBy(resolvedBy).escalationLevel(escalationLevel).notifications(notifications)
        .lastNotifiedAt(lastNotifiedAt).updatedAt(updatedAt).version(version);
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** Builds an {@link AlarmRecord}; unset flags and counts are false and 0, unset maps empty. */
  public static final class Builder {
    private String id;
    private String fingerprint;
    private String rule;
    private Severity severity;
    private AlarmState state;
    private boolean suppressed;
    private boolean silenced;
    private Map<String, String> labels = Map.of();
    private Map<String, String> annotations = Map.of();
    private Instant startedAt;
    private Instant firedAt;
    private Instant acknowledgedAt;
    private String acknowledgedBy;
    private Instant resolvedAt;
    private String resolvedBy;
    private int escalationLevel;
    private int notifications;
    private Instant lastNotifiedAt;
    private Instant updatedAt;
    private long version;

    public Builder id(String v) { id = v; return this; }
    public Builder fingerprint(String v) { fingerprint = v; return this; }
    public Builder rule(String v) { rule = v; return this; }
    public Builder severity(Severity v) { severity = v; return this; }
    public Builder state(AlarmState v) { state = v; return this; }
    public Builder suppressed(boolean v) { suppressed = v; return this; }
    public Builder silenced(boolean v) { silenced = v; return this; }
    public Builder labels(Map<String, String> v) { labels = v; return this; }
    public Builder annotations(Map<String, String> v) { annotations = v; return this; }
    public Builder startedAt(Instant v) { startedAt = v; return this; }
    public Builder firedAt(Instant v) { firedAt = v; return this; }
    public Builder acknowledgedAt(Instant v) { acknowledgedAt = v; return this; }
    public Builder acknowledgedBy(String v) { acknowledgedBy = v; return this; }
    public Builder resolvedAt(Instant v) { resolvedAt = v; return this; }
    public Builder resolvedBy(String v) { resolvedBy = v; return this; }
    public Builder escalationLevel(int v) { escalationLevel = v; return this; }
    public Builder notifications(int v) { notifications = v; return this; }
    public Builder lastNotifiedAt(Instant v) { lastNotifiedAt = v; return this; }
    public Builder updatedAt(Instant v) { updatedAt = v; return this; }
    public Builder version(long v) { version = v; return this; }

    public AlarmRecord build() {
      return new AlarmRecord(id, fingerprint, rule, severity, state, suppressed, silenced, labels, annotations,
          startedAt, firedAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, escalationLevel, notifications,
          lastNotifiedAt, updatedAt, version);
    }
  }
}
