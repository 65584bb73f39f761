package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Heap used of its maximum, and system (or container) memory used, against their thresholds. */
final class MemoryProbe implements Probe {
  private final Vertx vertx;
  private final ProbeSpec.Memory spec;

  MemoryProbe(Vertx vertx, ProbeSpec.Memory spec) {
    this.vertx = vertx;
    this.spec = spec;
  }

  @Override
  public Future<Reading> check() {
    return vertx.executeBlocking(this::read, false);
  }

  private Reading read() {
    SystemFigures figures = SystemFigures.get();
    SystemFigures.HeapFigures heap = figures.heap();
    SystemFigures.MemoryFigures system = figures.system();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("heap_used_bytes", heap.used());
    values.put("heap_max_bytes", heap.max());
    values.put("heap_ratio", heap.ratio());
    values.put("system_total_bytes", system.total());
    values.put("system_available_bytes", system.available());
    values.put("system_used_ratio", system.usedRatio());
    values.put("system_scope", system.scope());
    Verdict verdict = new Verdict().ratio("heap", heap.ratio(), spec.heap())
        .ratio(system.scope() + " memory", system.usedRatio(), spec.system());
    return new Reading(verdict.outcome(), values);
  }
}
