package io.vigil.cluster;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;

import java.time.Instant;

/**
 * One node's load over the last report interval, from what the node counts: tasks finished per second, tasks running
 * now, how late the report's own timer fired (a busy event loop fires it late) and the process's CPU, in cores
 * (1.0 = one core busy all the time) and as a share of the machine.
 */
final class NodeLoad {
  private final long intervalMs;
  private final int cores;
  private long finished;
  private long lastAtMs;
  private long lastCpuNanos;

  NodeLoad(long intervalMs, int cores, long nowMs, long cpuNanos) {
    this.intervalMs = intervalMs;
    this.cores = Math.max(1, cores);
    this.lastAtMs = nowMs;
    this.lastCpuNanos = cpuNanos;
  }

  void finished(int tasks) {
    finished += tasks;
  }

  /**
   * @param cpuNanos the process's CPU time so far (negative when the platform does not say)
   * @param running  tasks this node runs now (null when its engine did not answer)
   */
  JsonObject sample(String node, Instant now, long cpuNanos, Integer running) {
    long nowMs = now.toEpochMilli();
    long elapsedMs = Math.max(1, nowMs - lastAtMs);
    JsonObject load = new JsonObject().put("node", node).put("at", Millis.format(now))
        .put("tasks_per_s", round(finished * 1000.0 / elapsedMs))
        .put("running", running)
        .put("event_loop_lag_ms", Math.max(0, elapsedMs - intervalMs));
    if (cpuNanos >= 0 && lastCpuNanos >= 0) {
      double coresUsed = (cpuNanos - lastCpuNanos) / 1_000_000.0 / elapsedMs;
      load.put("cpu_cores", round(coresUsed)).put("cpu_share", round(coresUsed / cores));
    }
    finished = 0;
    lastAtMs = nowMs;
    lastCpuNanos = cpuNanos;
    return load;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
