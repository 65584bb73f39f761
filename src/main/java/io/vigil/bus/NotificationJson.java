package io.vigil.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.NotificationKind;
import io.vigil.domain.notify.NotificationStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Notification} as the outbox keeps it (the payload of a row, opaque to the store) and the API shows it.
 * Whoever enqueues writes it; the sender on any node reads it back and hands it to the channel.
 */
public final class NotificationJson {
  private NotificationJson() {}

  public static JsonObject toJson(Notification n) {
    JsonArray alerts = new JsonArray();
    n.alerts().forEach(a -> alerts.add(alert(a)));
    return new JsonObject()
        .put("id", n.id())
        .put("kind", n.kind().wireName())
        .put("status", n.status().wireName())
        .put("severity", n.severity().wireName())
        .put("group_key", n.groupKey())
        .put("group_labels", new JsonObject(new LinkedHashMap<>(n.groupLabels())))
        .put("alerts", alerts)
        .put("node", n.node())
        .put("external_url", n.externalUrl())
        .put("created_at", Json.time(n.createdAt()));
  }

  public static Notification fromJson(JsonObject json) {
    return new Notification(json.getString("id"), NotificationKind.valueOf(json.getString("kind").toUpperCase(
        java.util.Locale.ROOT)), json.getString("group_key"), strings(json.getJsonObject("group_labels")),
        json.getJsonArray("alerts").stream().map(JsonObject.class::cast).map(NotificationJson::alert).toList(),
        json.getString("node"), json.getString("external_url"), Json.instant(json.getString("created_at")));
  }

  private static JsonObject alert(Alert a) {
    return new JsonObject()
        .put("status", a.status().wireName())
        .put("labels", new JsonObject(new LinkedHashMap<>(a.labels())))
        .put("annotations", new JsonObject(new LinkedHashMap<>(a.annotations())))
        .put("starts_at", Json.time(a.startsAt()))
        .put("ends_at", Json.time(a.endsAt()))
        .put("fingerprint", a.fingerprint())
        .put("generator_url", a.generatorUrl())
        .put("alarm_id", a.alarmId())
        .put("value", a.value());
  }

  private static Alert alert(JsonObject json) {
    return new Alert(NotificationStatus.valueOf(json.getString("status").toUpperCase(java.util.Locale.ROOT)),
        strings(json.getJsonObject("labels")), strings(json.getJsonObject("annotations")),
        Json.instant(json.getString("starts_at")), Json.instant(json.getString("ends_at")),
        json.getString("fingerprint"), json.getString("generator_url"), json.getString("alarm_id"),
        json.getString("value"));
  }

  private static Map<String, String> strings(JsonObject json) {
    Map<String, String> map = new LinkedHashMap<>();
    if (json != null) json.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
    return map;
  }
}
