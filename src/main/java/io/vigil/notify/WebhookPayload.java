package io.vigil.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;

import java.util.List;
import java.util.Map;

/**
 * The generic webhook's body, in the shape of Alertmanager's webhook (version 4), so receivers written for
 * Alertmanager read it as is. Vigil's additions sit under {@code vigil} keys, which such receivers ignore.
 */
final class WebhookPayload {
  /** What Alertmanager sends as the endsAt of a firing alert. */
  static final String NO_END = "0001-01-01T00:00:00Z";

  private WebhookPayload() {}

  static JsonObject of(Notification n, String receiver, int maxAlerts) {
    List<Alert> alerts = n.alerts();
    int kept = maxAlerts == 0 ? alerts.size() : Math.min(maxAlerts, alerts.size());
    JsonArray list = new JsonArray();
    alerts.subList(0, kept).forEach(a -> list.add(alert(a)));
    return new JsonObject()
        .put("version", "4")
        .put("groupKey", n.groupKey())
        .put("truncatedAlerts", alerts.size() - kept)
        .put("status", n.status().wireName())
        .put("receiver", receiver)
        .put("groupLabels", json(n.groupLabels()))
        .put("commonLabels", json(n.commonLabels()))
        .put("commonAnnotations", json(n.commonAnnotations()))
        .put("externalURL", n.externalUrl())
        .put("alerts", list)
        .put("vigil", new JsonObject()
            .put("notificationId", n.id())
            .put("kind", n.kind().wireName())
            .put("severity", n.severity().wireName())
            .put("node", n.node())
            .put("createdAt", Millis.format(n.createdAt())));
  }

  private static JsonObject alert(Alert a) {
    JsonObject vigil = new JsonObject();
    if (a.alarmId() != null) vigil.put("alarmId", a.alarmId());
    if (a.value() != null) vigil.put("value", a.value());
    return new JsonObject()
        .put("status", a.status().wireName())
        .put("labels", json(a.labels()))
        .put("annotations", json(a.annotations()))
        .put("startsAt", Millis.format(a.startsAt()))
        .put("endsAt", a.endsAt() == null ? NO_END : Millis.format(a.endsAt()))
        .put("generatorURL", a.generatorUrl())
        .put("fingerprint", a.fingerprint())
        .put("vigil", vigil);
  }

  private static JsonObject json(Map<String, String> map) {
    JsonObject o = new JsonObject();
    map.forEach(o::put);
    return o;
  }
}
