package io.vigil.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.probe.ProbeResults;

/** Probe results cross the cluster as JSON and stay the same instance inside one JVM. */
public final class ProbeResultsCodec implements MessageCodec<ProbeResults, ProbeResults> {
  @Override
  public void encodeToWire(Buffer buffer, ProbeResults results) {
    Buffer json = ProbeJson.toJson(results).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public ProbeResults decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return ProbeJson.resultsFromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public ProbeResults transform(ProbeResults results) {
    return results;
  }

  @Override
  public String name() {
    return "vigil-probe-results";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
