package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeSpec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;

/**
 * Resolves a name as Vigil's own connections would: through the JVM's resolver (hosts file, then DNS), on a worker
 * thread since that resolver blocks. The JVM caches answers ({@code networkaddress.cache.ttl}, 30 s by default), so a
 * name that stops resolving shows within that time.
 */
final class DnsProbe implements Probe {
  private final Vertx vertx;
  private final ProbeSpec.Dns spec;

  DnsProbe(Vertx vertx, ProbeSpec.Dns spec) {
    this.vertx = vertx;
    this.spec = spec;
  }

  @Override
  public Future<Reading> check() {
    return vertx.executeBlocking(() -> {
      try {
        InetAddress[] addresses = InetAddress.getAllByName(spec.name());
        return Reading.ok(Map.of("addresses", Arrays.stream(addresses).map(InetAddress::getHostAddress).distinct().toList()));
      } catch (UnknownHostException e) {
        return Reading.failed("'" + spec.name() + "' does not resolve");
      }
    }, false);
  }
}
