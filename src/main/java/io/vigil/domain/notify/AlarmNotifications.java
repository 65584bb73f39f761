package io.vigil.domain.notify;

import io.vigil.domain.alarm.Alarm;
import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.NotificationIntent;

import java.util.List;
import java.util.Map;

/**
 * The message a channel receives for one of the alarm engine's notification intents: the intent's alarms as alerts
 * (alertname = the rule, the alarm's labels without {@code rule}, its rendered annotations, started when it fired,
 * ended when it resolved), grouped under the rule. One intent becomes one {@link Notification} per channel, each with
 * its own id (the outbox row's), so a receiver can drop a retried delivery.
 */
public final class AlarmNotifications {
  private AlarmNotifications() {}

  public static Notification of(String id, NotificationIntent intent, String node, String externalUrl) {
    List<Alert> alerts = intent.alarms().stream().map(a -> alert(a, externalUrl)).toList();
    return new Notification(id, kind(intent.kind()), groupKey(intent.rule()), Map.of(Alert.ALERTNAME, intent.rule()),
        alerts, node, externalUrl, intent.at());
  }

  /** The alert of one alarm: firing while it is open, resolved (with its end) once it is. */
  public static Alert alert(Alarm a, String externalUrl) {
    Alert.Builder alert = Alert.builder(a.rule(), a.severity())
        .fingerprint(a.fingerprint())
        .alarmId(a.id())
        .value(a.valueText())
        .generatorUrl(link(externalUrl, "/api/alarms/" + a.id()))
        .startsAt(a.firedAt() == null ? a.startsAt() : a.firedAt());
    a.labels().asMap().forEach((name, value) -> {
      if (!name.equals(AlarmRule.LABEL_RULE) && !name.equals(AlarmRule.LABEL_SEVERITY)) alert.label(name, value);
    });
    alert.annotations(a.annotations());
    if (!a.state().isOpen()) alert.resolvedAt(a.resolvedAt() == null ? a.updatedAt() : a.resolvedAt());
    return alert.build();
  }

  /** Alertmanager's form of a group key: the labels the alerts are grouped by. */
  public static String groupKey(String rule) {
    return "{}:{alertname=\"" + rule + "\"}";
  }

  private static NotificationKind kind(NotificationIntent.Kind kind) {
    return switch (kind) {
      case FIRING -> NotificationKind.FIRING;
      case REMINDER -> NotificationKind.REMINDER;
      case ESCALATION -> NotificationKind.ESCALATION;
      case RESOLVED -> NotificationKind.RESOLVED;
    };
  }

  private static String link(String base, String path) {
    if (base == null || base.isBlank()) return "";
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }
}
