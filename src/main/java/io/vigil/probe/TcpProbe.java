package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vigil.config.ProbeSpec;

import java.util.Map;

/** Opens a TCP connection to {@code host:port} and closes it: the port accepts connections. */
final class TcpProbe implements Probe {
  private final NetClient client;
  private final ProbeSpec.Tcp spec;

  TcpProbe(NetClient client, ProbeSpec.Tcp spec) {
    this.client = client;
    this.spec = spec;
  }

  @Override
  public Future<Reading> check() {
    return client.connect(spec.port(), spec.host())
        .compose(socket -> socket.close().otherwiseEmpty().map(v -> Reading.ok(Map.of("port", spec.port()))))
        .otherwise(error -> Reading.failed(spec.host() + ":" + spec.port() + ": " + Errors.describe(error)));
  }
}
