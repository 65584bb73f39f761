package io.vigil.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.domain.notify.Alert;

import java.time.Instant;
import java.util.Collection;

/**
 * The body of {@code POST /api/v2/alerts}: an array of postable alerts. A firing alert's {@code endsAt} is set
 * ahead to {@code now + lifetime}, as Prometheus does, so Alertmanager resolves it on its own if Vigil stops
 * re-sending; a resolved alert carries its real {@code endsAt}, which resolves it at once. Vigil's fingerprint,
 * alarm id and value travel as annotations (labels are the alert's identity in Alertmanager).
 */
final class AlertmanagerAlerts {
  private AlertmanagerAlerts() {}

  static JsonArray of(Collection<Alert> alerts, Instant now, java.time.Duration lifetime) {
    JsonArray out = new JsonArray();
    for (Alert a : alerts) {
      JsonObject labels = new JsonObject();
      a.labels().forEach(labels::put);
      JsonObject annotations = new JsonObject();
      a.annotations().forEach(annotations::put);
      annotations.put("vigil_fingerprint", a.fingerprint());
      if (a.alarmId() != null) annotations.put("vigil_alarm_id", a.alarmId());
      if (a.value() != null) annotations.put("vigil_value", a.value());
      Instant ends = a.firing() ? now.plus(lifetime) : a.endsAt();
      out.add(new JsonObject()
          .put("labels", labels)
          .put("annotations", annotations)
          .put("startsAt", Millis.format(a.startsAt()))
          .put("endsAt", Millis.format(ends))
          .put("generatorURL", a.generatorUrl()));
    }
    return out;
  }
}
