package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vigil.config.BreakersConfig;
import io.vigil.domain.Timers;
import io.vigil.domain.breaker.BreakerMachine;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.domain.breaker.BreakerSnapshot;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's circuit breakers, by name: one registry per Vert.x instance (kept in a local shared map), so every
 * capability on a node — the http handler's per-host breakers today, notification channels and probes next — uses
 * the same breakers, and {@code GET /api/breakers} sees them all. A breaker is made on first use with the options
 * given then (or the registry's defaults, {@code breakers:} in the config); every state change is logged and handed
 * to the transition listeners ({@link BreakerVerticle} publishes it on the bus). Thread-safe: verticles on different
 * event loops share it; each call's timeout fires on the caller's own loop.
 */
public final class Breakers implements Shareable {
  private static final Logger LOG = LoggerFactory.getLogger(Breakers.class);
  private static final String LOCAL_MAP = "vigil.kit";
  private static final String KEY = "breakers";

  private final Clock clock;
  private final Timers timers;
  private volatile BreakerPolicy defaults;
  private volatile Function<String, BreakerPolicy> named = n -> null;
  private final ConcurrentHashMap<String, Breaker> byName = new ConcurrentHashMap<>();
  private final List<Consumer<BreakerTransition>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Breaker>> creationListeners = new CopyOnWriteArrayList<>();

  public Breakers(Clock clock, Timers timers, BreakerPolicy defaults) {
    this.clock = clock;
    this.timers = timers;
    this.defaults = defaults;
  }

  /** This node's registry; made on first use with the built-in defaults and the system clock. */
  public static Breakers of(Vertx vertx) {
    return of(vertx, Clock.systemUTC());
  }

  /** This node's registry; made on first use with {@code clock} (the app passes its own). */
  public static Breakers of(Vertx vertx, Clock clock) {
    LocalMap<String, Breakers> shared = vertx.sharedData().getLocalMap(LOCAL_MAP);
    Breakers existing = shared.get(KEY);
    if (existing != null) return existing;
    Breakers made = new Breakers(clock, VertxTimers.ofCaller(vertx), BreakerPolicy.DEFAULTS);
    Breakers raced = shared.putIfAbsent(KEY, made);
    return raced != null ? raced : made;
  }

  /** The clock the breakers run on (the app's). */
  public Clock clock() {
    return clock;
  }

  /** The options of breakers made from now on without options of their own (config reload will call it too). */
  public void defaults(BreakerPolicy policy) {
    this.defaults = policy;
  }

  public BreakerPolicy defaults() {
    return defaults;
  }

  /**
   * The defaults and the options of named breakers ({@code breakers:} and {@code breakers.named}), for the breakers
   * made from now on and for every existing one (a config reload: {@link BreakerMachine#reconfigure} keeps each
   * one's state). Answers the names of the breakers whose options changed.
   */
  public List<String> configure(BreakersConfig config) {
    this.defaults = config.defaults();
    this.named = config.named()::get;
    return byName.values().stream().filter(b -> b.machine().reconfigure(policyFor(b.name())))
        .map(Breaker::name).sorted().toList();
  }

  /** The options a breaker named {@code name} is made with: its own ({@code breakers.named}), else the defaults. */
  public BreakerPolicy policyFor(String name) {
    BreakerPolicy own = named.apply(name);
    return own != null ? own : defaults;
  }

  /** The breaker named {@code name}, made with its configured options if it does not exist yet. */
  public Breaker breaker(String name) {
    Breaker found = byName.get(name);
    return found != null ? found : breaker(name, policyFor(name));
  }

  /** The breaker named {@code name}, made with {@code policy} if it does not exist yet (one that does keeps its own). */
  public Breaker breaker(String name, BreakerPolicy policy) {
    Breaker found = byName.get(name);
    if (found != null) return found;
    boolean[] made = {false};
    Breaker breaker = byName.computeIfAbsent(name, n -> {
      made[0] = true;
      return new Breaker(new BreakerMachine(n, policy, clock, this::transitioned), timers);
    });
    if (made[0]) creationListeners.forEach(listener -> listener.accept(breaker));
    return breaker;
  }

  /** Makes {@code call} through the breaker named {@code name} (made with the defaults when new). */
  public <T> Future<T> execute(String name, Supplier<Future<T>> call) {
    return breaker(name).execute(call);
  }

  public Optional<Breaker> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every breaker's state, by name. */
  public List<BreakerSnapshot> snapshots() {
    return byName.values().stream().map(Breaker::snapshot).sorted(Comparator.comparing(BreakerSnapshot::name))
        .toList();
  }

  /** Hands {@code listener} every breaker there is and every one made from now on; answers how to stop. */
  public Runnable onCreated(Consumer<Breaker> listener) {
    creationListeners.add(listener);
    byName.values().forEach(listener);
    return () -> creationListeners.remove(listener);
  }

  /** Hands every transition to {@code listener} (on the thread that caused it); answers how to stop. */
  public Runnable onTransition(Consumer<BreakerTransition> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void transitioned(BreakerTransition t) {
    String by = (t.node() == null ? "" : ", node " + t.node()) + (t.actor() == null ? "" : ", by " + t.actor());
    if (t.to() == BreakerState.OPEN || t.to() == BreakerState.FORCED_OPEN) {
      LOG.warn("circuit breaker {} {} -> {} ({}, failure rate {}%{})", t.name(), t.from().wireName(),
          t.to().wireName(), t.reason().wireName(), Math.round(t.failureRate()), by);
    } else {
      LOG.info("circuit breaker {} {} -> {} ({}{})", t.name(), t.from().wireName(), t.to().wireName(),
          t.reason().wireName(), by);
    }
    for (Consumer<BreakerTransition> listener : listeners) {
      try {
        listener.accept(t);
      } catch (RuntimeException e) {
        LOG.error("a breaker transition listener failed", e);
      }
    }
  }
}
