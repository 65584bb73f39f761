package io.vigil.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * A JSON object handed over, not copied: inside one JVM the receiver gets the sender's instance (the default
 * JsonObject codec deep-copies every body, both ways); across the cluster it travels as JSON text. Only for
 * bodies the sender never touches again, between Vigil's own verticles (see {@link RequestIds#handedOptions}).
 */
public final class HandedJsonCodec implements MessageCodec<JsonObject, JsonObject> {
  public static final String NAME = "vigil-json-handed";

  @Override
  public void encodeToWire(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length()).appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(JsonObject json) {
    return json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
