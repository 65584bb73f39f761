package io.vigil.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.fact.Fact;

/**
 * Facts stay the same instance inside one JVM and cross the cluster as JSON ({@link FactWire}). One codec for the
 * sealed type; Vert.x picks a default codec by the body's exact class, so {@link BusCodecs} registers one instance
 * per fact record, each under its own name.
 */
public final class FactCodec implements MessageCodec<Fact, Fact> {
  private final String name;

  FactCodec(Class<? extends Fact> type) {
    this.name = "vigil-fact:" + type.getSimpleName();
  }

  @Override
  public void encodeToWire(Buffer buffer, Fact fact) {
    Buffer json = FactWire.encode(fact).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public Fact decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return FactWire.decode(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public Fact transform(Fact fact) {
    return fact;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
