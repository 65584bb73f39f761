package io.vigil.alarm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.Durations;
import io.vigil.domain.alarm.Alarm;
import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.LabelMatcher;
import io.vigil.domain.alarm.Routing;
import io.vigil.domain.alarm.RuleTest;
import io.vigil.store.alarms.TimelineEntry;
import io.vigil.store.silences.Silence;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Alarms, timelines, silences and rules as the API and the stream's snapshot show them (times ISO-8601, ms). */
final class AlarmJson {
  private AlarmJson() {}

  static JsonObject alarm(Alarm a) {
    return new JsonObject()
        .put("id", a.id())
        .put("fingerprint", a.fingerprint())
        .put("rule", a.rule())
        .put("metric", a.metric())
        .put("state", a.state().wireName())
        .put("severity", a.severity().wireName())
        .put("silenced", a.silenced())
        .put("suppressed", a.suppressed())
        .put("summary", a.summary())
        .put("labels", strings(a.labels().asMap()))
        .put("series", strings(a.series().asMap()))
        .put("annotations", strings(a.annotations()))
        .put("value", a.value())
        .put("value_at", time(a.valueAt()))
        .put("since", time(a.firedAt() == null ? a.startsAt() : a.firedAt()))
        .put("starts_at", time(a.startsAt()))
        .put("fired_at", time(a.firedAt()))
        .put("acknowledged_at", time(a.acknowledgedAt()))
        .put("acknowledged_by", a.acknowledgedBy())
        .put("resolved_at", time(a.resolvedAt()))
        .put("resolved_by", a.resolvedBy())
        .put("notified", a.delivery().notified())
        .put("told", new JsonArray(a.delivery().told()))
        .put("last_notified_at", time(a.delivery().lastNotifiedAt()))
        .put("next_reminder_at", time(a.delivery().nextReminderAt()))
        .put("reminders", a.delivery().reminderStep())
        .put("escalation_level", a.delivery().escalationLevel())
        .put("updated_at", time(a.updatedAt()));
  }

  static JsonObject entry(TimelineEntry e) {
    return new JsonObject()
        .put("id", e.id())
        .put("at", time(e.at()))
        .put("kind", e.kind().wireName())
        .put("from", e.from() == null ? null : e.from().wireName())
        .put("to", e.to() == null ? null : e.to().wireName())
        .put("actor", e.actor())
        .put("message", e.message())
        .put("details", new JsonObject(new LinkedHashMap<>(e.details())));
  }

  static JsonObject silence(Silence s, Instant now) {
    JsonArray matchers = new JsonArray();
    s.matchers().forEach(m -> matchers.add(new JsonObject().put("name", m.name()).put("op", m.op().symbol())
        .put("value", m.value())));
    return new JsonObject()
        .put("id", s.id())
        .put("matchers", matchers)
        .put("starts_at", time(s.startsAt()))
        .put("ends_at", time(s.endsAt()))
        .put("state", s.isActiveAt(now) ? "active" : s.startsAt().isAfter(now) ? "pending" : "expired")
        .put("created_by", s.createdBy())
        .put("comment", s.comment())
        .put("created_at", time(s.createdAt()))
        .put("updated_at", time(s.updatedAt()));
  }

  static JsonObject rule(AlarmRule r) {
    JsonArray escalation = new JsonArray();
    r.escalation().forEach(t -> escalation.add(new JsonObject().put("after", duration(t.after()))
        .put("channels", new JsonArray(t.channels()))));
    return new JsonObject()
        .put("name", r.name())
        .put("condition", r.condition())
        .put("metric", r.metric())
        .put("matchers", new JsonArray(r.matchers().stream().map(LabelMatcher::toString).toList()))
        .put("comparison", r.comparison().symbol())
        .put("threshold", r.threshold())
        .put("for", duration(r.forDuration()))
        .put("clear_threshold", r.clearThreshold())
        .put("clear_for", duration(r.clearFor()))
        .put("severity", r.severity().wireName())
        .put("labels", strings(r.labels()))
        .put("annotations", strings(r.annotations()))
        .put("channels", new JsonArray(r.channels()))
        .put("reminder", r.reminder().enabled() ? new JsonObject().put("initial", duration(r.reminder().initial()))
            .put("factor", r.reminder().factor()).put("cap", duration(r.reminder().cap())) : null)
        .put("escalation", escalation)
        .put("group_window", duration(r.groupWindow()))
        .put("stop", r.stop())
        .put("plan", r.recoveryPlan().orElse(null));
  }

  static JsonObject routes(Routing routing) {
    JsonObject routes = new JsonObject();
    routing.channels().forEach((severity, channels) -> routes.put(severity.wireName(), new JsonArray(channels)));
    JsonObject escalation = new JsonObject();
    routing.escalation().forEach((severity, tiers) -> {
      JsonArray list = new JsonArray();
      tiers.forEach(t -> list.add(new JsonObject().put("after", duration(t.after()))
          .put("channels", new JsonArray(t.channels()))));
      escalation.put(severity.wireName(), list);
    });
    return new JsonObject().put("channels", routes).put("escalation", escalation);
  }

  static JsonObject test(RuleTest test) {
    JsonArray matched = new JsonArray();
    test.matched().forEach(v -> matched.add(new JsonObject()
        .put("series", strings(v.series().asMap()))
        .put("fingerprint", v.fingerprint())
        .put("value", v.value())
        .put("value_at", time(v.valueAt()))
        .put("outcome", v.outcome().name().toLowerCase(java.util.Locale.ROOT))
        .put("fires_at", time(v.firesAt()))
        .put("annotations", strings(v.annotations()))
        .put("open_alarm", v.openAlarm() == null ? null : v.openAlarm().wireName())));
    return new JsonObject().put("rule", rule(test.rule())).put("at", time(test.at()))
        .put("breaching", test.breaching().size()).put("matched", matched);
  }

  private static JsonObject strings(Map<String, String> map) {
    return new JsonObject(new LinkedHashMap<>(map));
  }

  private static String duration(Duration d) {
    return Durations.format(d);
  }

  static String time(Instant t) {
    return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }
}
