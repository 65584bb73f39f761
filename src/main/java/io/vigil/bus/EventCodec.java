package io.vigil.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Event;

/** Events cross the cluster as JSON and stay the same instance inside one JVM. */
public final class EventCodec implements MessageCodec<Event, Event> {
  @Override
  public void encodeToWire(Buffer buffer, Event event) {
    Buffer json = EventJson.toJson(event).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public Event decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return EventJson.fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public Event transform(Event event) {
    return event;
  }

  @Override
  public String name() {
    return "vigil-event";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
