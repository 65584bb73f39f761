package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Event;

/** A fact's view ({@code FactView}) as the stream and the audit API show it. */
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
}
