package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.FailoverList;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.bus.ProbeJson;
import io.vigil.config.ComponentConfig;
import io.vigil.config.ConfigApplied;
import io.vigil.config.ProbeSlice;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.fact.TargetSwitched;
import io.vigil.domain.health.HealthTransition;
import io.vigil.domain.recovery.FailoversInForce;
import io.vigil.domain.probe.ProbeResult;
import io.vigil.kit.VertxTimers;
import io.vigil.store.rollups.ProbeRollupStore;
import io.vigil.store.rollups.Uptime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the component probes — on the leading node only (app wiring deploys it there; it knows nothing of
 * leadership). Thin: {@link ProbeSchedule} runs them, {@link ProbeFacts} tells the bus and the logs,
 * {@link ProbeMeters} the metrics, {@link Rollups} writes per-minute roll-ups to the roll-up store (uptime, latency
 * history). It answers the component
 * commands every node's API sends ({@code vigil.components.*}, {@code vigil.probes.*}) and re-reads its slice when a
 * reload touches {@code components} or {@code probe_defaults}: added probes start, changed ones restart with their
 * status, removed ones stop.
 */
public final class ProbeVerticle extends VerticleBase implements ComponentProbe.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeVerticle.class);
  static final long ROLLUP_TICK_MS = 10_000;
  /** The uptime gauges are refreshed every this many roll-up ticks (a minute): each refresh reads every window. */
  static final int UPTIME_EVERY_TICKS = 6;

  private ProbeSlice slice;
  private final Clock clock;
  private ProbeKinds kinds;
  private ProbeSchedule schedule;
  private ProbeFacts facts;
  private final ProbeMeters meters = new ProbeMeters();
  private final Rollups rollups;
  /** Components a recovery plan runs for now, and http probes a recovery failover points at a secondary URL. */
  private final Set<String> recovering = new HashSet<>();
  private final FailoversInForce failedOver = new FailoversInForce();
  private long ticks;

  public ProbeVerticle(ProbeSlice slice, ProbeRollupStore rollups, Clock clock) {
    this.slice = slice;
    this.rollups = new Rollups(rollups);
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    var timers = VertxTimers.on(context);
    kinds = new ProbeKinds(vertx, clock, slice);
    facts = new ProbeFacts(vertx.eventBus(), new Stamps(clock), timers);
    schedule = new ProbeSchedule(timers, clock, () -> ThreadLocalRandom.current().nextDouble(), kinds::create, this);
    ProbeSchedule.Changes started = schedule.apply(components());
    started.added().forEach(id -> meters.track(slice.components().get(id)));
    Facts.listen(vertx.eventBus(), Addresses.CONFIG_APPLIED, this::reconfigure);
    Facts.listen(vertx.eventBus(), Addresses.RECOVERY_RUN_CHANGED, run -> {
      if (run.running()) recovering.add(run.component());
      else recovering.remove(run.component());
    });
    Facts.listen(vertx.eventBus(), Addresses.RECOVERY_TARGET_SWITCHED, this::targetSwitched);
    // the failovers a previous leader left in force (recovery re-announces them, possibly before this verticle)
    FailoverList.ask(vertx.eventBus(), timers, failedOver, () -> schedule.apply(components()));
    vertx.setPeriodic(ROLLUP_TICK_MS, id -> tick());
    bindCommands();
    LOG.info("probing {} component(s): {}", started.added().size(), started.added());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    facts.flush();
    meters.close();
    return schedule.stop().transform(v -> rollups.flush()).transform(v -> kinds.close());
  }

  @Override
  public void recorded(ComponentProbe probe, ProbeResult result, HealthTransition transition) {
    rollups.add(result);
    meters.recorded(result);
    facts.recorded(probe.config(), result, transition);
  }

  @Override
  public void late(ComponentProbe probe, long lateMs) {
    meters.late(lateMs);
  }

  private void reconfigure(ConfigApplied applied) {
    if (!applied.changes().touches("components", "probe_defaults", "recovery")) return;
    slice = ProbeSlice.of(applied.config());
    if (!applied.changes().touches("components", "probe_defaults")) return; // only the plans: the listing reads them
    kinds.use(slice);
    ProbeSchedule.Changes changes = schedule.apply(components());
    changes.removed().forEach(id -> {
      meters.forget(id);
      rollups.forget(id);
    });
    changes.added().forEach(id -> meters.track(slice.components().get(id)));
    changes.changed().forEach(id -> meters.track(slice.components().get(id)));
    if (!changes.isEmpty()) {
      LOG.info("probes reconfigured: added {}, changed {}, removed {}", changes.added(), changes.changed(), changes.removed());
    }
  }

  /** The configured components, with the http probes a recovery failover switched to a secondary URL. */
  private Map<String, ComponentConfig> components() {
    Map<String, String> failedOver = this.failedOver.probeTargets();
    if (failedOver.isEmpty()) return slice.components();
    Map<String, ComponentConfig> out = new LinkedHashMap<>(slice.components());
    failedOver.forEach((id, url) -> {
      ComponentConfig c = out.get(id);
      if (c != null && c.probe() instanceof ProbeSpec.Http h) {
        out.put(id, new ComponentConfig(c.id(), c.name(), c.kind(), c.dependsOn(), c.critical(), c.autoRecoverable(),
            c.enabled(), c.suggestedAction(), new ProbeSpec.Http(h.timing(), h.method(), url, h.headers(),
                h.expectedStatus(), h.bodyContains(), h.jsonPointer(), h.jsonEquals(), h.tlsVerify(), h.degradedAbove()),
            c.breaker()));
      }
    });
    return out;
  }

  private void targetSwitched(TargetSwitched switched) {
    if (!switched.probe()) return;
    failedOver.switched(switched.component(), switched.target(), switched.taskTypes(), true);
    schedule.apply(components());
    LOG.warn("probe of {} now checks {}", switched.component(), switched.toSecondary() ? "its secondary" : "its primary");
  }

  /** What recovery can do and is doing for the component: a plan to start now, a run under way, a failover in force. */
  private JsonObject withRecovery(JsonObject component) {
    String id = component.getString("id");
    return component.put("recovery_plan", slice.recoveryPlans().contains(id)).put("recovering", recovering.contains(id))
        .put("failed_over", failedOver.probeFailedOver(id));
  }

  /**
   * Writes the roll-ups gathered since the last tick; at the first tick and every {@link #UPTIME_EVERY_TICKS}th
   * after it, refreshes the uptime gauges — four reads of every component's roll-ups (up to 30 days of minutes on
   * PostgreSQL) for ratios over an hour and more, which a minute moves little.
   */
  private void tick() {
    rollups.flush().onFailure(e -> LOG.warn("probe roll-ups not written (kept for the next try): {}", e.getMessage()));
    if (ticks++ % UPTIME_EVERY_TICKS == 0) {
      uptimes(clock.instant()).onSuccess(byComponent -> byComponent.forEach(meters::uptime));
    }
  }

  /** Every component's uptime over every window, by component then window name. */
  private Future<Map<String, Map<String, Double>>> uptimes(Instant now) {
    List<String> names = List.copyOf(ComponentJson.WINDOWS.keySet());
    List<Future<Map<String, Uptime>>> windows = names.stream()
        .map(name -> rollups.uptimes(ComponentJson.WINDOWS.get(name), now)).toList();
    return Future.all(windows).map(done -> {
      Map<String, Map<String, Double>> byComponent = new LinkedHashMap<>();
      for (ComponentProbe probe : schedule.all()) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          Uptime uptime = windows.get(i).result().get(probe.id());
          ratios.put(names.get(i), uptime == null ? null : uptime.ratio());
        }
        byComponent.put(probe.id(), ratios);
      }
      return byComponent;
    });
  }

  private void bindCommands() {
    var bus = vertx.eventBus();
    Commands.bind(bus, Addresses.COMPONENTS_LIST, (q, m) -> list(q.getBoolean("uptime", true)));
    Commands.bind(bus, Addresses.PROBE_SNAPSHOT, (q, m) -> list(false));
    Commands.bind(bus, Addresses.COMPONENTS_GET, (q, m) -> detail(probe(q.getString("id"))));
    Commands.bind(bus, Addresses.COMPONENTS_UPTIME, (q, m) -> uptime(q));
    Commands.bind(bus, Addresses.PROBES_RUN, (q, m) -> {
      String id = q.getString("id");
      LOG.info("probe run asked by {} for {}", q.getString("actor", "bus"), id == null ? "every component" : id);
      Future<List<ProbeResult>> results = id == null ? schedule.runAll() : schedule.runNow(id).map(List::of);
      return results.map(all -> new JsonObject().put("results", new JsonArray(all.stream().map(ProbeJson::toJson).toList())));
    });
    Commands.bind(bus, Addresses.PROBES_STATS, (q, m) -> Future.succeededFuture(stats()));
  }

  private ComponentProbe probe(String id) {
    return schedule.get(id == null ? "" : id)
        .orElseThrow(() -> Failure.notFound("component " + id).asException());
  }

  private Future<JsonObject> list(boolean withUptime) {
    Instant now = clock.instant();
    Future<Map<String, Map<String, Double>>> uptimes = withUptime ? uptimes(now) : Future.succeededFuture(null);
    return uptimes.map(byComponent -> {
      JsonArray components = new JsonArray();
      schedule.all().forEach(p -> components.add(withRecovery(ComponentJson.summary(p,
          byComponent == null ? null : byComponent.getOrDefault(p.id(), Map.of())))));
      return new JsonObject().put("components", components).put("at", ProbeJson.time(now));
    });
  }

  /** One component with its recent results and the last hour's latency, minute by minute. */
  private Future<JsonObject> detail(ComponentProbe probe) {
    Instant now = clock.instant();
    return Future.all(uptimes(now), rollups.minutes(probe.id(), now.minus(Duration.ofHours(1)), now))
        .map(done -> withRecovery(ComponentJson.summary(probe, done.<Map<String, Map<String, Double>>>resultAt(0)
                .getOrDefault(probe.id(), Map.of())))
            .put("recent", new JsonArray(probe.recent().stream().map(ProbeJson::toJson).toList()))
            .put("latency_history", ComponentJson.history(done.resultAt(1))));
  }

  private Future<JsonObject> uptime(JsonObject q) {
    ComponentProbe probe = probe(q.getString("id"));
    String name = q.getString("window", "24h");
    Duration window = ComponentJson.window(name).orElseThrow(() -> Failure.invalid(List.of(new FieldError("window",
        "one of 1h, 24h, 7d, 30d, or a number of minutes, hours or days up to 30 d (90m, 12h, 3d)"))).asException());
    Instant now = clock.instant();
    return rollups.uptime(probe.id(), window, now).map(uptime -> new JsonObject().put("component", probe.id())
        .put("window", name).put("from", ProbeJson.time(now.minus(window))).put("to", ProbeJson.time(now))
        .put("checks", uptime.checks()).put("failures", uptime.failures()).put("ratio", uptime.ratio()));
  }

  private JsonObject stats() {
    long checks = 0;
    long failed = 0;
    JsonArray byComponent = new JsonArray();
    for (ComponentProbe probe : schedule.all()) {
      checks += probe.checks();
      failed += probe.failures();
      byComponent.add(new JsonObject().put("component", probe.id()).put("checks", probe.checks())
          .put("failed", probe.failures()).put("success_rate", rate(probe.checks(), probe.failures())));
    }
    Drift drift = schedule.drift();
    return new JsonObject().put("checks", checks).put("failed", failed).put("success_rate", rate(checks, failed))
        .put("components", schedule.all().size()).put("by_component", byComponent)
        .put("schedule", new JsonObject().put("samples", drift.size()).put("lateness_p50_ms", drift.quantile(0.50))
            .put("lateness_p99_ms", drift.quantile(0.99)).put("lateness_max_ms", drift.quantile(1.0)));
  }

  private static Double rate(long checks, long failed) {
    return checks == 0 ? null : (double) (checks - failed) / checks;
  }
}
