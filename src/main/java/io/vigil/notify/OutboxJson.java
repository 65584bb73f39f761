package io.vigil.notify;

import io.vertx.core.json.JsonObject;
import io.vigil.store.outbox.OutboxMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** An outbox row as {@code GET /api/notifications} and the stream's snapshot show it (the payload summarised). */
final class OutboxJson {
  private OutboxJson() {}

  static JsonObject of(OutboxMessage m) {
    JsonObject json = new JsonObject()
        .put("id", m.id())
        .put("channel", m.channel())
        .put("alarm_id", m.alarmId())
        .put("status", m.status().wireName())
        .put("attempts", m.attempts())
        .put("next_attempt_at", time(m.nextAttemptAt()))
        .put("last_error", m.lastError())
        .put("created_at", time(m.createdAt()))
        .put("updated_at", time(m.updatedAt()))
        .put("sent_at", time(m.sentAt()));
    try {
      JsonObject payload = new JsonObject(m.payload());
      JsonObject first = payload.getJsonArray("alerts").getJsonObject(0);
      json.put("kind", payload.getString("kind")).put("severity", payload.getString("severity"))
          .put("alerts", payload.getJsonArray("alerts").size())
          .put("summary", first.getJsonObject("annotations", new JsonObject()).getString("summary", ""));
    } catch (RuntimeException unreadable) {
      json.put("kind", "unknown");
    }
    return json;
  }

  private static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
