package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.store.rollups.ProbeRollup;
import io.vigil.store.rollups.ProbeRollupStore;
import io.vigil.store.rollups.Uptime;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.vigil.store.memory.Calls.call;

/**
 * Roll-ups on the heap: per component, minutes in order. Bounded per component: beyond {@code maxRows} minutes the
 * oldest go (30 days of minutes is 43,200).
 */
final class MemoryProbeRollupStore implements ProbeRollupStore {
  private final MemoryBackend backend;
  private final Map<String, TreeMap<Instant, ProbeRollup>> byComponent = new HashMap<>();

  MemoryProbeRollupStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<Void> merge(List<ProbeRollup> rollups) {
    return call(() -> {
      for (ProbeRollup rollup : rollups) {
        TreeMap<Instant, ProbeRollup> minutes = byComponent.computeIfAbsent(rollup.component(), c -> new TreeMap<>());
        minutes.merge(rollup.minute(), rollup, ProbeRollup::merge);
        if (minutes.size() > backend.maxRows()) {
          minutes.pollFirstEntry();
          backend.evictedOne();
        }
      }
      return null;
    });
  }

  @Override
  public synchronized Future<List<ProbeRollup>> list(String component, Instant from, Instant to) {
    return Future.succeededFuture(new ArrayList<>(window(component, from, to).values()));
  }

  @Override
  public synchronized Future<Uptime> uptime(String component, Instant from, Instant to) {
    return Future.succeededFuture(sum(component, from, to));
  }

  @Override
  public synchronized Future<Map<String, Uptime>> uptimes(Instant from, Instant to) {
    Map<String, Uptime> uptimes = new TreeMap<>();
    for (String component : byComponent.keySet()) {
      Uptime uptime = sum(component, from, to);
      if (uptime.checks() > 0) uptimes.put(component, uptime);
    }
    return Future.succeededFuture(uptimes);
  }

  @Override
  public synchronized Future<Integer> deleteBefore(Instant cutoff, int max) {
    int deleted = 0;
    for (TreeMap<Instant, ProbeRollup> minutes : byComponent.values()) {
      Iterator<Instant> old = minutes.headMap(cutoff, false).keySet().iterator();
      while (deleted < max && old.hasNext()) {
        old.next();
        old.remove();
        deleted++;
      }
    }
    byComponent.values().removeIf(Map::isEmpty);
    return Future.succeededFuture(deleted);
  }

  private Uptime sum(String component, Instant from, Instant to) {
    long checks = 0;
    long failures = 0;
    for (ProbeRollup rollup : window(component, from, to).values()) {
      checks += rollup.checks();
      failures += rollup.failures();
    }
    return new Uptime(component, from, to, checks, failures);
  }

  /** The minutes overlapping [from, to). */
  private Map<Instant, ProbeRollup> window(String component, Instant from, Instant to) {
    TreeMap<Instant, ProbeRollup> minutes = byComponent.get(component);
    Instant first = from.truncatedTo(ChronoUnit.MINUTES);
    if (minutes == null || !first.isBefore(to)) return Map.of();
    return minutes.subMap(first, true, to, false);
  }
}
