package io.vigil.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vigil.config.ComponentConfig;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.probe.Outcomes;
import io.vigil.domain.probe.ProbeResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The probes on /metrics, on the node that runs them (the leader): per component
 * {@code vigil_component_status{component, kind, critical, status}} (1 for the status it is in, 0 for the others: alert on
 * {@code == 1}), {@code vigil_probe_latency_seconds{component}} (count, sum, max), {@code vigil_probe_checks_total{component,
 * outcome}}, {@code vigil_component_uptime_ratio{component, window}}, and {@code vigil_probe_schedule_lateness_seconds}
 * (a histogram with {@link #LATENESS_BUCKETS}: the share of checks late by more than the 50 ms target, and the
 * lateness of any span as the difference of two scrapes — what bench/probe-bench.sh reports per phase).
 * Meters are made once per component and kept in a holder, so a result costs one map lookup, a timer record and a
 * counter increment; a removed component's meters are removed. A no-op without a registry.
 */
final class ProbeMeters {
  static final Duration[] LATENESS_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};
  private final MeterRegistry registry = BackendRegistries.getDefaultNow();
  private final Map<String, Holder> holders = new HashMap<>();
  private final Timer lateness;

  private final class Holder {
    final List<Meter> meters = new ArrayList<>();
    final Timer latency;
    final Map<String, Counter> outcomes = new HashMap<>();
    final String component;
    volatile HealthStatus status = HealthStatus.UNKNOWN;
    final Map<String, Double> uptime = new LinkedHashMap<>();

    Holder(String component, String kind, boolean critical) {
      this.component = component;
      latency = keep(Timer.builder("vigil_probe_latency").description("How long each probe check took")
          .tag("component", component).register(registry));
      for (String outcome : List.of("ok", "degraded", "failed", "unknown")) {
        outcomes.put(outcome, keep(Counter.builder("vigil_probe_checks").description("Probe checks by outcome")
            .tag("component", component).tag("outcome", outcome).register(registry)));
      }
      for (HealthStatus each : HealthStatus.values()) {
        keep(Gauge.builder("vigil_component_status", this, h -> h.status == each ? 1 : 0)
            .description("1 for the status the component is in, 0 for the others")
            .tag("component", component).tag("kind", kind).tag("critical", Boolean.toString(critical))
            .tag("status", each.wireName())
            .strongReference(true).register(registry));
      }
      for (String window : ComponentJson.WINDOWS.keySet()) {
        uptime.put(window, Double.NaN);
        keep(Gauge.builder("vigil_component_uptime_ratio", this, h -> h.uptime.getOrDefault(window, Double.NaN))
            .description("Share of checks that did not fail over the window (NaN before the first check)")
            .tag("component", component).tag("window", window).strongReference(true).register(registry));
      }
    }

    private <M extends Meter> M keep(M meter) {
      meters.add(meter);
      return meter;
    }
  }

  ProbeMeters() {
    lateness = registry == null ? null : Timer.builder("vigil_probe_schedule_lateness")
        .description("How late a scheduled probe check started after its due time")
        .serviceLevelObjectives(LATENESS_BUCKETS).register(registry);
  }

  void track(ComponentConfig component) {
    if (registry == null) return;
    forget(component.id());
    holders.put(component.id(), new Holder(component.id(), component.kind().wireName(), component.critical()));
  }

  void forget(String component) {
    Holder holder = holders.remove(component);
    if (holder != null) holder.meters.forEach(registry::remove);
  }

  void recorded(ProbeResult result) {
    Holder holder = holders.get(result.component());
    if (holder == null) return;
    holder.latency.record((long) (result.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
    holder.outcomes.get(Outcomes.name(result.outcome())).increment();
    holder.status = result.status();
  }

  void late(long lateMs) {
    if (lateness != null) lateness.record(lateMs, TimeUnit.MILLISECONDS);
  }

  /** Sets the uptime gauges of a component (the verticle refreshes them every minute). */
  void uptime(String component, Map<String, Double> ratios) {
    Holder holder = holders.get(component);
    if (holder == null) return;
    ratios.forEach((window, ratio) -> holder.uptime.put(window, ratio == null ? Double.NaN : ratio));
  }

  void close() {
    new ArrayList<>(holders.keySet()).forEach(this::forget);
    if (lateness != null) registry.remove(lateness);
  }

}
