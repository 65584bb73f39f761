package io.vigil.domain.alarm;

import io.vigil.domain.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The engine's working copy of one open alarm; {@link #snapshot()} is what leaves the engine. Not thread-safe. */
final class LiveAlarm {
  final String id;
  final String fingerprint;
  final Labels series;
  final String ruleName;
  final String metric;
  /** Null only for an alarm restored after its rule was removed (it is resolved at once). */
  AlarmRule rule;
  Labels labels;
  Severity severity;
  /** As stored; used only while {@link #rule} is null (otherwise rendered from the rule at each snapshot). */
  final Map<String, String> annotations;
  AlarmState state;
  double value;
  Instant valueAt;
  final Instant startsAt;
  Instant firedAt;
  Instant acknowledgedAt;
  String acknowledgedBy;
  Instant resolvedAt;
  String resolvedBy;
  boolean silenced;
  boolean suppressed;
  boolean notified;
  Instant lastNotifiedAt;
  int reminderStep;
  Instant nextReminderAt;
  int escalationLevel;
  final LinkedHashSet<String> told = new LinkedHashSet<>();
  Instant clearingSince;
  Instant updatedAt;
  /** False for an alarm restored from the store until a fresh sample of its series arrives. */
  boolean confirmed = true;

  LiveAlarm(String id, AlarmRule rule, Labels series, double value, Instant valueAt, Instant now) {
    this.id = id;
    this.fingerprint = Fingerprints.of(rule.name(), series);
    this.series = series;
    this.ruleName = rule.name();
    this.metric = rule.metric();
    this.state = AlarmState.PENDING;
    this.value = value;
    this.valueAt = valueAt;
    this.startsAt = now;
    this.updatedAt = now;
    this.annotations = Map.of();
    useRule(rule);
  }

  private LiveAlarm(Alarm a) {
    this.id = a.id();
    this.fingerprint = a.fingerprint();
    this.series = a.series();
    this.ruleName = a.rule();
    this.metric = a.metric();
    this.labels = a.labels();
    this.severity = a.severity();
    this.annotations = a.annotations();
    this.state = a.state();
    this.value = a.value();
    this.valueAt = a.valueAt();
    this.startsAt = a.startsAt();
    this.firedAt = a.firedAt() == null && a.state() != AlarmState.PENDING ? a.startsAt() : a.firedAt();
    this.acknowledgedAt = a.acknowledgedAt();
    this.acknowledgedBy = a.acknowledgedBy();
    this.silenced = a.silenced();
    this.suppressed = a.suppressed();
    Delivery d = a.delivery();
    this.notified = d.notified();
    this.lastNotifiedAt = d.lastNotifiedAt();
    this.reminderStep = d.reminderStep();
    this.nextReminderAt = d.nextReminderAt();
    this.escalationLevel = d.escalationLevel();
    this.told.addAll(d.told());
    this.clearingSince = a.clearingSince();
    this.updatedAt = a.updatedAt();
    this.confirmed = false;
  }

  /** An open alarm from the store; {@code rule} is its current rule, or null when it no longer exists. */
  static LiveAlarm restore(Alarm snapshot, AlarmRule rule) {
    LiveAlarm a = new LiveAlarm(snapshot);
    if (rule != null) a.useRule(rule);
    return a;
  }

  /** Takes the rule's current severity and labels (on creation, restore and rule reload). */
  void useRule(AlarmRule rule) {
    this.rule = rule;
    this.severity = rule.severity();
    this.labels = rule.alarmLabels(series);
  }

  void observe(double value, Instant at) {
    this.value = value;
    this.valueAt = at;
    this.confirmed = true;
  }

  void moveTo(AlarmState next, Instant now) {
    state = state.checkMoveTo(next);
    updatedAt = now;
  }

  /** Nothing holds its messages back (a resolve of a notified alarm is sent regardless). */
  boolean notifiable() {
    return !silenced && !suppressed;
  }

  /** Firing, unacknowledged, told, and free to be told again: reminders and escalation apply. */
  boolean nagging() {
    return state == AlarmState.FIRING && notified && notifiable();
  }

  void sentFiring(List<String> channels, ReminderPolicy policy, Instant now) {
    notified = true;
    reminderStep = 0;
    nextReminderAt = policy.enabled() ? now.plus(policy.interval(0)) : null;
    sent(channels, now);
  }

  /**
   * A reminder due at {@code due} went out at {@code now}; the next follows the schedule (so a late tick does not
   * shift later reminders), or one interval from now when the schedule fell behind.
   */
  void sentReminder(List<String> channels, ReminderPolicy policy, Instant due, Instant now) {
    reminderStep++;
    if (policy.enabled()) {
      Duration interval = policy.interval(reminderStep);
      Instant next = due.plus(interval);
      nextReminderAt = next.isAfter(now) ? next : now.plus(interval);
    } else {
      nextReminderAt = null;
    }
    sent(channels, now);
  }

  void sent(List<String> channels, Instant now) {
    told.addAll(channels);
    lastNotifiedAt = now;
    updatedAt = now;
  }

  List<String> toldChannels() {
    return new ArrayList<>(told);
  }

  Alarm snapshot() {
    Map<String, String> rendered = rule == null ? annotations
        : Templates.renderAll(rule.annotations(), labels, value, rule.threshold(), ruleName);
    return new Alarm(id, fingerprint, ruleName, metric, series, labels, rendered, severity, state, value, valueAt,
        startsAt, firedAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, silenced, suppressed,
        new Delivery(notified, lastNotifiedAt, reminderStep, nextReminderAt, escalationLevel, toldChannels()),
        clearingSince, updatedAt);
  }
}
