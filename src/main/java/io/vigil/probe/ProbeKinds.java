package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vigil.config.ComponentConfig;
import io.vigil.kit.Breakers;
import io.vigil.config.ProbeSlice;
import io.vigil.config.ProbeSpec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the probe for a component's spec, one class per type. HTTP and TCP probes share clients (pooled,
 * keep-alive: a thousand HTTP probes against one host reuse connections); Redis, PostgreSQL, AMQP and BullMQ probes
 * hold one connection each, their own, so a probe watches the server rather than Vigil's busy pools.
 */
final class ProbeKinds {
  static final int HTTP_POOL = 64;
  /**
   * How often the HTTP client looks for expired keep-alive connections (Vert.x: every second): a wake-up of its own,
   * for connections that may as well close a few seconds after their 60 s keep-alive.
   */
  static final int HTTP_POOL_CLEANER_MS = 10_000;

  private final Vertx vertx;
  private final Clock clock;
  private ProbeSlice slice;
  private HttpClient verifying;
  private HttpClient trusting;
  private NetClient tcp;

  ProbeKinds(Vertx vertx, Clock clock, ProbeSlice slice) {
    this.vertx = vertx;
    this.clock = clock;
    this.slice = slice;
  }

  void use(ProbeSlice next) {
    this.slice = next;
  }

  /** The component's probe, through its circuit breaker ({@code probe:<id>}) when it asks for one. */
  Probe create(ComponentConfig component) {
    Probe probe = probeOf(component);
    if (!component.breaker()) return probe;
    return new BreakerProbe(probe, Breakers.of(vertx, clock).breaker(BreakerProbe.PREFIX + component.id()));
  }

  private Probe probeOf(ComponentConfig component) {
    ProbeSpec spec = component.probe();
    long timeout = spec.timing().timeout().toMillis();
    if (spec instanceof ProbeSpec.Http s) return new HttpProbe(http(s.tlsVerify()), s);
    if (spec instanceof ProbeSpec.Tcp s) return new TcpProbe(tcp(), s);
    if (spec instanceof ProbeSpec.Dns s) return new DnsProbe(vertx, s);
    if (spec instanceof ProbeSpec.Redis s) return s.own() ? RedisProbe.own(vertx, slice.ownRedis()) : new RedisProbe(vertx, s.url());
    if (spec instanceof ProbeSpec.Postgres s) return new PostgresProbe(vertx, s.own() ? slice.ownPgUrl() : s.url(), timeout);
    if (spec instanceof ProbeSpec.Disk s) return new DiskProbe(vertx, s);
    if (spec instanceof ProbeSpec.Cpu s) return new CpuProbe(vertx, s);
    if (spec instanceof ProbeSpec.Memory s) return new MemoryProbe(vertx, s);
    if (spec instanceof ProbeSpec.EventLoop s) return new EventLoopProbe(vertx, s);
    if (spec instanceof ProbeSpec.Queue s) return new QueueProbe(vertx.eventBus(), s, clock);
    if (spec instanceof ProbeSpec.EventBus s) return new EventBusProbe(vertx.eventBus(), s);
    if (spec instanceof ProbeSpec.Amqp s) return new AmqpProbe(vertx, s);
    if (spec instanceof ProbeSpec.BullMq s) return new BullMqProbe(vertx, s);
    throw new IllegalArgumentException("no probe for type " + spec.type()); // the sealed type has no other
  }

  private HttpClient http(boolean verify) {
    if (verify && verifying == null) verifying = httpClient(true);
    if (!verify && trusting == null) trusting = httpClient(false);
    return verify ? verifying : trusting;
  }

  private HttpClient httpClient(boolean verify) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setVerifyHost(verify).setTrustAll(!verify)
        .setName(verify ? "vigil-probes" : "vigil-probes-trusting");
    return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(HTTP_POOL)
        .setCleanerPeriod(HTTP_POOL_CLEANER_MS));
  }

  private NetClient tcp() {
    if (tcp == null) tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000));
    return tcp;
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    if (verifying != null) closing.add(verifying.close());
    if (trusting != null) closing.add(trusting.close());
    if (tcp != null) closing.add(tcp.close());
    return Future.join(closing).mapEmpty();
  }
}
