package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host's CPU load since the previous check, and this process's, against their thresholds ({@link SystemFigures}
 * says where each comes from). The first check after start compares with the moment the probe was made.
 */
final class CpuProbe implements Probe {
  private final Vertx vertx;
  private final ProbeSpec.Cpu spec;
  private long[] ticks;

  CpuProbe(Vertx vertx, ProbeSpec.Cpu spec) {
    this.vertx = vertx;
    this.spec = spec;
  }

  @Override
  public Future<Reading> check() {
    return vertx.executeBlocking(this::read, false);
  }

  private synchronized Reading read() {
    SystemFigures figures = SystemFigures.get();
    if (ticks == null) {
      ticks = figures.cpuTicks();
      return Reading.unknown("first CPU sample taken; the load is known from the next check on");
    }
    double system = figures.systemCpuLoadSince(ticks);
    ticks = figures.cpuTicks();
    double process = figures.processCpuLoad();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("system_load", system);
    values.put("cores", figures.cores());
    Verdict verdict = new Verdict().ratio("system CPU", system, spec.system());
    if (process >= 0) {
      values.put("process_load", process);
      verdict.ratio("Vigil's CPU", process, spec.process());
    }
    return new Reading(verdict.outcome(), values);
  }
}
