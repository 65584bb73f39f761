package io.vigil.cluster;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;

import java.time.Instant;

/**
 * One node's load over the last report interval, from what the node counts: tasks finished per second (from the
 * engine's total so far), tasks running now, how late the report's own timer fired (a busy event loop fires it late)
 * and the process's CPU, in cores (1.0 = one core busy all the time) and as a share of the machine.
 */
final class NodeLoad {
  private final long intervalMs;
  private final int cores;
  /** The engine's total of finished tasks at the last report it answered, and when. */
  private long lastFinished;
  private long lastFinishedAtMs;
  private long lastAtMs;
  private long lastCpuNanos;

  NodeLoad(long intervalMs, int cores, long nowMs, long cpuNanos) {
    this.intervalMs = intervalMs;
    this.cores = Math.max(1, cores);
    this.lastAtMs = nowMs;
    this.lastFinishedAtMs = nowMs;
    this.lastCpuNanos = cpuNanos;
  }

  /**
   * @param cpuNanos the process's CPU time so far (negative when the platform does not say)
   * @param running  tasks this node runs now (null when its engine did not answer)
   * @param finished tasks this node's engine finished since it started (null when it did not answer): tasks per
   *                 second are the difference to the previous report's total
   */
  JsonObject sample(String node, Instant now, long cpuNanos, Integer running, Long finished) {
    long nowMs = now.toEpochMilli();
    long elapsedMs = Math.max(1, nowMs - lastAtMs);
    long done = finished == null ? 0 : Math.max(0, finished - lastFinished);
    long finishedOverMs = Math.max(1, nowMs - lastFinishedAtMs);
    JsonObject load = new JsonObject().put("node", node).put("at", Millis.format(now))
        .put("tasks_per_s", round(done * 1000.0 / finishedOverMs))
        .put("running", running)
        .put("event_loop_lag_ms", Math.max(0, elapsedMs - intervalMs));
    if (cpuNanos >= 0 && lastCpuNanos >= 0) {
      double coresUsed = (cpuNanos - lastCpuNanos) / 1_000_000.0 / elapsedMs;
      load.put("cpu_cores", round(coresUsed)).put("cpu_share", round(coresUsed / cores));
    }
    if (finished != null) {
      lastFinished = finished;
      lastFinishedAtMs = nowMs;
    }
    lastAtMs = nowMs;
    lastCpuNanos = cpuNanos;
    return load;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
