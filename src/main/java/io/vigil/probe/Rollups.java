package io.vigil.probe;

import io.vertx.core.Future;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.domain.probe.ProbeResult;
import io.vigil.store.rollups.ProbeRollup;
import io.vigil.store.rollups.ProbeRollupStore;
import io.vigil.store.rollups.Uptime;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The probes' per-component, per-minute roll-ups: results are merged here into their minute as they come, and
 * {@link #flush} writes what gathered to the roll-up store in one call (the memory or PostgreSQL store, so uptime
 * survives a restart when it is PostgreSQL) — every {@link ProbeVerticle#ROLLUP_TICK_MS}, not once per result. A
 * write that fails is kept and merged into the next. Reads are the store's answer plus what is not written yet, so
 * uptime and latency history are current to the last check. A check that could not run (unknown) is not counted:
 * no evidence either way. Confined to the probe verticle's event loop.
 */
final class Rollups {
  private final ProbeRollupStore store;
  /** Not written yet, by component and minute. */
  private Map<String, Map<Instant, ProbeRollup>> pending = new HashMap<>();
  private boolean writing;

  Rollups(ProbeRollupStore store) {
    this.store = store;
  }

  void add(ProbeResult result) {
    if (result.outcome() instanceof HealthOutcome.Unknown) return;
    add(ProbeRollup.check(result.component(), result.at(), result.failed(), result.status(), result.latencyMs()));
  }

  private void add(ProbeRollup rollup) {
    pending.computeIfAbsent(rollup.component(), c -> new HashMap<>()).merge(rollup.minute(), rollup, ProbeRollup::merge);
  }

  void forget(String component) {
    pending.remove(component);
  }

  /** Writes what gathered; on failure it stays for the next flush. One write at a time. */
  Future<Void> flush() {
    if (writing || pending.isEmpty()) return Future.succeededFuture();
    List<ProbeRollup> batch = new ArrayList<>();
    pending.values().forEach(minutes -> batch.addAll(minutes.values()));
    pending = new HashMap<>();
    writing = true;
    return store.merge(batch)
        .onFailure(error -> batch.forEach(this::add))
        .onComplete(done -> writing = false);
  }

  /** Checks and failures of every component over the window ending at {@code now}. */
  Future<Map<String, Uptime>> uptimes(Duration window, Instant now) {
    Instant from = now.minus(window);
    return store.uptimes(from, now).map(stored -> {
      Map<String, Uptime> all = new HashMap<>(stored);
      pending.forEach((component, minutes) -> all.put(component, withPending(all.get(component), component, from, now)));
      return all;
    });
  }

  Future<Uptime> uptime(String component, Duration window, Instant now) {
    Instant from = now.minus(window);
    return store.uptime(component, from, now).map(stored -> withPending(stored, component, from, now));
  }

  private Uptime withPending(Uptime stored, String component, Instant from, Instant to) {
    long checks = stored == null ? 0 : stored.checks();
    long failures = stored == null ? 0 : stored.failures();
    for (ProbeRollup minute : pending.getOrDefault(component, Map.of()).values()) {
      if (!minute.minute().plus(Duration.ofMinutes(1)).isAfter(from) || !minute.minute().isBefore(to)) continue;
      checks += minute.checks();
      failures += minute.failures();
    }
    return new Uptime(component, from, to, checks, failures);
  }

  /** One component's minutes from {@code from} on, oldest first, with what is not written yet merged in. */
  Future<List<ProbeRollup>> minutes(String component, Instant from, Instant now) {
    return store.list(component, from, now).map(stored -> {
      Map<Instant, ProbeRollup> byMinute = new java.util.TreeMap<>();
      stored.forEach(m -> byMinute.put(m.minute(), m));
      pending.getOrDefault(component, Map.of()).values().stream()
          .filter(m -> !m.minute().isBefore(from.truncatedTo(ChronoUnit.MINUTES)))
          .forEach(m -> byMinute.merge(m.minute(), m, ProbeRollup::merge));
      return new ArrayList<>(byMinute.values());
    });
  }
}
