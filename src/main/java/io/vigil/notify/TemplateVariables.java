package io.vigil.notify;

import io.vigil.domain.Millis;
import io.vigil.domain.Severity;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.NotificationKind;
import io.vigil.domain.notify.NotificationStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The variables a template may use, taken from a notification. Alert-level values come from its first alert; a
 * group of several alerts adds the others under {@code {{others}}}, one line each.
 */
public final class TemplateVariables {
  /** Alerts listed under {@code {{others}}} before "… and N more". */
  static final int MAX_LISTED = 10;

  public static final List<String> NAMES = List.of(
      "status", "kind", "status_tag", "icon", "alertname", "severity", "summary", "description", "runbook_url",
      "suggested_action", "value", "labels", "fingerprint", "alarm_id", "starts_at", "ends_at", "url", "node",
      "group_key", "count", "others");

  private TemplateVariables() {}

  static boolean isKnown(String name) {
    return NAMES.contains(name) || (name.startsWith("label.") && name.length() > 6)
        || (name.startsWith("annotation.") && name.length() > 11);
  }

  public static Map<String, String> of(Notification n) {
    Alert a = n.first();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("status", n.status().wireName());
    v.put("kind", n.kind().wireName());
    v.put("status_tag", n.status() == NotificationStatus.RESOLVED && n.kind() == NotificationKind.MODE_CHANGE
        ? "MODE RESTORED" : n.kind().tag());
    v.put("icon", icon(n));
    v.put("alertname", a.alertname());
    v.put("severity", n.severity().wireName());
    v.put("summary", a.summary());
    v.put("description", a.annotation(Alert.DESCRIPTION));
    v.put("runbook_url", a.annotation(Alert.RUNBOOK_URL));
    v.put("suggested_action", a.annotation(Alert.SUGGESTED_ACTION));
    v.put("value", a.value() == null ? "" : a.value());
    v.put("labels", identityLabels(a));
    v.put("fingerprint", a.fingerprint());
    v.put("alarm_id", a.alarmId() == null ? "" : a.alarmId());
    v.put("starts_at", Millis.format(a.startsAt()));
    v.put("ends_at", a.endsAt() == null ? "" : Millis.format(a.endsAt()));
    v.put("url", a.generatorUrl().isEmpty() ? n.externalUrl() : a.generatorUrl());
    v.put("node", n.node());
    v.put("group_key", n.groupKey());
    v.put("count", Integer.toString(n.alerts().size()));
    v.put("others", others(n.alerts()));
    a.labels().forEach((k, val) -> v.put("label." + k, val));
    a.annotations().forEach((k, val) -> v.put("annotation." + k, val));
    return v;
  }

  /** A mark people can scan for: red/orange/blue by severity while firing, a tick once resolved. */
  static String icon(Notification n) {
    if (n.status() == NotificationStatus.RESOLVED) return "✅";
    return switch (n.kind()) {
      case EMERGENCY_STOP -> "🛑";
      case TEST -> "🧪";
      default -> n.severity() == Severity.CRITICAL ? "🔴" : n.severity() == Severity.WARNING ? "🟠" : "🔵";
    };
  }

  /** The labels that tell this alert apart from others of its rule, {@code k=v, k=v}. */
  static String identityLabels(Alert a) {
    return a.labels().entrySet().stream()
        .filter(e -> !e.getKey().equals(Alert.ALERTNAME) && !e.getKey().equals(Alert.SEVERITY))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String others(List<Alert> alerts) {
    if (alerts.size() < 2) return "";
    List<Alert> rest = alerts.subList(1, alerts.size());
    String lines = rest.stream().limit(MAX_LISTED)
        .map(o -> "• " + (identityLabels(o).isEmpty() ? o.alertname() : identityLabels(o))
            + (o.summary().isEmpty() ? "" : ": " + o.summary()) + (o.firing() ? "" : " (resolved)"))
        .collect(Collectors.joining("\n"));
    return rest.size() > MAX_LISTED ? lines + "\n… and " + (rest.size() - MAX_LISTED) + " more" : lines;
  }
}
