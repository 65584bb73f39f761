package io.vigil.probe;

import io.vertx.core.Future;
import io.vigil.config.ComponentConfig;
import io.vigil.domain.Timers;
import io.vigil.domain.health.HealthThresholds;
import io.vigil.domain.health.HealthTracker;
import io.vigil.domain.health.HealthTransition;
import io.vigil.domain.probe.ProbeResult;
import io.vigil.bus.Failure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * The set of running component probes, kept equal to the configuration: {@link #apply} starts the new ones, restarts
 * the changed ones (their status carries over, so a threshold edit does not reset a component to UNKNOWN) and stops
 * the removed and disabled ones. Each new probe's first check runs within the first second (spread at random, so a
 * start does not fire them all at once), then at a random phase of its interval. It also keeps the scheduling
 * lateness ({@link Drift}). Confined to one event loop.
 */
final class ProbeSchedule implements ComponentProbe.Listener {
  static final long FIRST_CHECK_WITHIN_MS = 1_000;

  /** What {@link #apply} did, by component id. */
  record Changes(List<String> added, List<String> changed, List<String> removed) {
    boolean isEmpty() {
      return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
  }

  private final Timers timers;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Function<ComponentConfig, Probe> factory;
  private final ComponentProbe.Listener listener;
  private final Map<String, ComponentProbe> probes = new LinkedHashMap<>();
  private final Drift drift = new Drift(4096);

  ProbeSchedule(Timers timers, Clock clock, DoubleSupplier random, Function<ComponentConfig, Probe> factory,
                ComponentProbe.Listener listener) {
    this.timers = timers;
    this.clock = clock;
    this.random = random;
    this.factory = factory;
    this.listener = listener;
  }

  Changes apply(Map<String, ComponentConfig> components) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (String id : new ArrayList<>(probes.keySet())) {
      ComponentConfig next = components.get(id);
      if (next == null || !next.enabled()) {
        probes.remove(id).stop();
        removed.add(id);
      }
    }
    for (ComponentConfig component : components.values()) {
      if (!component.enabled()) continue;
      ComponentProbe running = probes.get(component.id());
      if (running != null && running.config().equals(component)) continue;
      HealthTracker tracker = running == null ? HealthTracker.unknown(thresholds(component), clock)
          : carriedOver(running, component);
      if (running != null) running.stop();
      ComponentProbe probe = new ComponentProbe(component, factory.apply(component), tracker, timers, clock, this);
      probes.put(component.id(), probe);
      long interval = component.probe().timing().interval().toMillis();
      probe.start((long) (random.getAsDouble() * Math.min(interval, FIRST_CHECK_WITHIN_MS)),
          (long) (random.getAsDouble() * interval));
      (running == null ? added : changed).add(component.id());
    }
    return new Changes(added, changed, removed);
  }

  private HealthTracker carriedOver(ComponentProbe running, ComponentConfig next) {
    HealthThresholds thresholds = thresholds(next);
    if (thresholds.equals(thresholds(running.config()))) return running.tracker();
    return new HealthTracker(thresholds, running.tracker().status(), clock);
  }

  private static HealthThresholds thresholds(ComponentConfig component) {
    return new HealthThresholds(component.probe().timing().failureThreshold(),
        component.probe().timing().successThreshold());
  }

  Optional<ComponentProbe> get(String id) {
    return Optional.ofNullable(probes.get(id));
  }

  Collection<ComponentProbe> all() {
    return Collections.unmodifiableCollection(probes.values());
  }

  /** Checks one component now; 404 when it is not probed. */
  Future<ProbeResult> runNow(String id) {
    ComponentProbe probe = probes.get(id);
    if (probe == null) return Future.failedFuture(Failure.notFound("component " + id).asException());
    return probe.run(true);
  }

  /** Checks every component now, all at once; answers when the last one has. */
  Future<List<ProbeResult>> runAll() {
    List<Future<ProbeResult>> runs = probes.values().stream().map(p -> p.run(true)).toList();
    return Future.all(runs).map(all -> all.<ProbeResult>list());
  }

  Drift drift() {
    return drift;
  }

  Future<Void> stop() {
    List<Future<Void>> closing = probes.values().stream().map(ComponentProbe::stop).toList();
    probes.clear();
    return Future.join(closing).mapEmpty();
  }

  @Override
  public void recorded(ComponentProbe probe, ProbeResult result, HealthTransition transition) {
    listener.recorded(probe, result, transition);
  }

  @Override
  public void late(ComponentProbe probe, long lateMs) {
    drift.add(lateMs);
    listener.late(probe, lateMs);
  }
}
