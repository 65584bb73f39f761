package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/** An event as the stream, the audit API and the cluster wire show it. */
public final class EventJson {
  private EventJson() {}

  public static JsonObject toJson(Event event) {
    return new JsonObject()
        .put("id", event.id())
        .put("time", Json.time(event.time()))
        .put("type", event.type())
        .put("severity", event.severity().wireName())
        .put("component", event.component())
        .put("actor", event.actor())
        .put("message", event.message())
        .put("details", new JsonObject(event.details()));
  }

  public static Event fromJson(JsonObject json) {
    JsonObject details = json.getJsonObject("details", new JsonObject());
    return new Event(
        json.getString("id"),
        Json.instant(json.getString("time")),
        json.getString("type"),
        Severity.fromWire(json.getString("severity")),
        json.getString("component"),
        json.getString("actor"),
        json.getString("message"),
        details.getMap());
  }
}
