package io.vigil.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.domain.QueueStats;
import io.vigil.domain.SystemMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's gauges, read from the facts it hears ({@link MetricsVerticle}): per queue
 * {@code vigil_queue_tasks{queue, state}} (waiting, active, delayed, retrying, dead),
 * {@code vigil_queue_oldest_waiting_age_seconds}, {@code vigil_queue_last_completed_timestamp_seconds},
 * {@code vigil_queue_paused}; {@code vigil_system_mode{mode}} (1 for the mode in force); {@code vigil_build} (always 1, the version as a label; an {@code _info} suffix is stripped by the Prometheus client).
 */
final class NodeMeters {
  static final List<String> STATES = List.of("waiting", "active", "delayed", "retrying", "dead");

  private final MeterRegistry registry;
  private final Map<String, QueueStats> latest = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> queueMeters = new ConcurrentHashMap<>();
  private final List<Meter> own = new ArrayList<>();
  private volatile SystemMode mode = SystemMode.ASYNC_QUEUE;

  NodeMeters(MeterRegistry registry) {
    this.registry = registry;
    for (SystemMode each : SystemMode.values()) {
      own.add(Gauge.builder("vigil_system_mode", this, m -> m.mode == each ? 1 : 0)
          .description("1 for the system mode in force on this node, 0 for the others")
          .tag("mode", each.wireName()).strongReference(true).register(registry));
    }
    own.add(Gauge.builder("vigil_build", () -> 1).description("Always 1: Vigil's version and Java's, as labels")
        .tag("version", BuildInfo.version()).tag("java", BuildInfo.java()).strongReference(true).register(registry));
  }

  void mode(SystemMode mode) {
    this.mode = mode;
  }

  void queues(List<QueueStats> stats) {
    for (QueueStats queue : stats) {
      if (latest.put(queue.queue(), queue) == null) register(queue.queue());
    }
  }

  private void register(String queue) {
    List<Meter> meters = new ArrayList<>();
    for (String state : STATES) {
      meters.add(Gauge.builder("vigil_queue_tasks", this, m -> m.count(queue, state))
          .description("Tasks in the queue by state").tag("queue", queue).tag("state", state)
          .strongReference(true).register(registry));
    }
    meters.add(Gauge.builder("vigil_queue_oldest_waiting_age_seconds", this,
            m -> m.latest.get(queue).oldestWaitingAgeMs() / 1000.0)
        .description("Age of the oldest task ready to run (0 when none waits)").tag("queue", queue)
        .strongReference(true).register(registry));
    meters.add(Gauge.builder("vigil_queue_last_completed_timestamp_seconds", this, m -> {
          var at = m.latest.get(queue).lastCompletedAt();
          return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
        }).description("When a task of the queue last completed (NaN before the first)").tag("queue", queue)
        .strongReference(true).register(registry));
    meters.add(Gauge.builder("vigil_queue_paused", this, m -> m.latest.get(queue).paused() ? 1 : 0)
        .description("1 while an operator holds the queue").tag("queue", queue).strongReference(true).register(registry));
    queueMeters.put(queue, meters);
  }

  private double count(String queue, String state) {
    QueueStats stats = latest.get(queue);
    return switch (state) {
      case "waiting" -> stats.waiting();
      case "active" -> stats.active();
      case "delayed" -> stats.delayed();
      case "retrying" -> stats.retrying();
      default -> stats.dead();
    };
  }

  void close() {
    queueMeters.values().forEach(list -> list.forEach(registry::remove));
    own.forEach(registry::remove);
  }
}
