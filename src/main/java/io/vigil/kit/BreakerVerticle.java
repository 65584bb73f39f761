package io.vigil.kit;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.BreakerJson;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.BreakersConfig;
import io.vigil.config.RedisConfig;
import io.vigil.domain.breaker.BreakerMachine;
import io.vigil.domain.fact.BreakerStateChanged;
import io.vigil.domain.fact.Stamps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Owns this node's {@link Breakers} registry: sets its options from the config ({@code breakers:} and
 * {@code breakers.named}), shares its states with the other nodes through Redis when Redis is configured and
 * {@code breakers.shared} is on ({@link BreakerSharing} over a {@link RedisBreakerLink} of its own connections),
 * re-applies {@code breakers:} to every breaker on a reload (their states kept), answers {@code vigil.breakers.list}, the stream's {@code vigil.breakers.snapshot} and the operators'
 * {@code vigil.breakers.control} (all node-local), publishes every transition as a {@link BreakerStateChanged} fact
 * on {@code vigil.breaker.state.changed}, and exports the breakers as metrics. The breakers themselves are used where
 * the calls are made (the http handler, the notifier, the probes). Deploy one per node, before those verticles.
 */
public final class BreakerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BreakerVerticle.class);
  private final BreakersConfig config;
  private final RedisConfig redis;
  private final Clock clock;
  private final String node;
  private Runnable unsubscribe = () -> {};
  private Runnable unregister = () -> {};
  private BreakerSharing sharing;

  /** @param node this node's id (the cluster node id when clustered), named in the facts it publishes */
  public BreakerVerticle(BreakersConfig config, RedisConfig redis, Clock clock, String node) {
    this.config = config;
    this.redis = redis;
    this.clock = clock;
    this.node = node;
  }

  /** Without shared state (no Redis). */
  public BreakerVerticle(BreakersConfig config, Clock clock, String node) {
    this(config, null, clock, node);
  }

  @Override
  public Future<?> start() {
    Breakers breakers = Breakers.of(vertx, clock);
    breakers.configure(config);
    Stamps stamps = new Stamps(clock);
    // a transition is heard on the thread of the call that caused it; publishing from there is safe
    unsubscribe = breakers.onTransition(t -> Facts.publish(vertx.eventBus(), Addresses.BREAKER_STATE_CHANGED,
        BreakerStateChanged.of(stamps.at(t.at()), node, t)));
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry != null) {
      BreakerMeters meters = new BreakerMeters(registry);
      Runnable stopListening = breakers.onCreated(meters::register);
      unregister = () -> {
        stopListening.run();
        meters.close();
      };
    }
    for (Address<JsonObject> listing : List.of(Addresses.BREAKERS_LIST, Addresses.BREAKERS_SNAPSHOT)) {
      Commands.bind(vertx.eventBus(), listing,
          (q, m) -> Future.succeededFuture(BreakerJson.list(breakers.snapshots(), node)));
    }
    Commands.bind(vertx.eventBus(), Addresses.BREAKERS_CONTROL, (q, m) -> control(breakers, q));
    Facts.listen(vertx.eventBus(), Addresses.CONFIG_APPLIED, applied -> {
      if (!applied.changes().touches("breakers")) return;
      List<String> changed = breakers.configure(applied.config().breakers());
      LOG.info("breaker options reloaded; {} existing breaker(s) changed {}", changed.size(), changed);
    });
    if (redis == null || !redis.enabled() || !config.shared()) return Future.succeededFuture();
    sharing = new BreakerSharing(breakers, new RedisBreakerLink(vertx, redis,
        VertxTimers.on(context)), node, clock);
    return sharing.start();
  }

  private Future<JsonObject> control(Breakers breakers, JsonObject q) {
    String name = q.getString("name");
    String action = q.getString("action");
    String actor = q.getString("actor");
    Breaker breaker = name == null ? null : breakers.find(name).orElse(null);
    if (breaker == null) return Future.failedFuture(Failure.notFound("circuit breaker '" + name + "'").asException());
    BreakerMachine machine = breaker.machine();
    switch (action == null ? "" : action) {
      case "open" -> machine.forceOpen(actor);
      case "close" -> machine.forceClose(actor);
      case "reset" -> machine.reset(actor);
      default -> {
        return Future.failedFuture(Failure.invalid(List.of(new FieldError("action", "must be open, close or reset")))
            .asException());
      }
    }
    return Future.succeededFuture(BreakerJson.toJson(breaker.snapshot(), node));
  }

  @Override
  public Future<?> stop() {
    unsubscribe.run();
    unregister.run();
    return sharing == null ? Future.succeededFuture() : sharing.stop();
  }
}
