package io.vigil.alarm;

import io.vigil.bus.QueueStatsUpdated;
import io.vigil.domain.QueueStats;
import io.vigil.domain.alarm.AlarmMetrics;
import io.vigil.domain.alarm.ComponentFact;
import io.vigil.domain.alarm.Labels;
import io.vigil.domain.alarm.Sample;
import io.vigil.domain.fact.BreakerStateChanged;
import io.vigil.domain.fact.ComponentStatusChanged;
import io.vigil.domain.fact.DeliveryRecorded;
import io.vigil.domain.fact.RecoveryEscalated;
import io.vigil.domain.probe.ProbeResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the facts on the bus into the engine's samples ({@link AlarmMetrics}): one list per fact, so what trips
 * together in one statistics round goes out as one message.
 */
final class FactSamples {
  /** Breakers of notification channels are named {@code notify:<channel>}. */
  static final String CHANNEL_BREAKER_PREFIX = "notify:";

  private FactSamples() {}

  /**
   * Every queue's figures. The backlog is what waits for a worker; {@code idle_seconds} is how long nothing completed
   * while work waits: the time since the last completion, but no longer than the oldest waiting task has waited (work
   * that just arrived at an idle queue is not a stall), and 0 when nothing waits.
   */
  static List<Sample> of(QueueStatsUpdated stats) {
    List<Sample> samples = new ArrayList<>(stats.queues().size() * 5);
    Instant at = stats.at();
    for (QueueStats q : stats.queues()) {
      Labels labels = Labels.of("queue", q.queue());
      double oldest = q.oldestWaitingAgeMs() / 1000.0;
      double idle = 0;
      if (q.waiting() > 0) {
        double sinceCompletion = q.lastCompletedAt() == null ? Double.MAX_VALUE
            : Math.max(0, at.toEpochMilli() - q.lastCompletedAt().toEpochMilli()) / 1000.0;
        idle = Math.min(sinceCompletion, oldest);
      }
      samples.add(new Sample(AlarmMetrics.QUEUE_BACKLOG, labels, q.waiting(), at));
      samples.add(new Sample(AlarmMetrics.QUEUE_ERROR_RATE, labels, q.errorRate(), at));
      samples.add(new Sample(AlarmMetrics.QUEUE_IDLE_SECONDS, labels, idle, at));
      samples.add(new Sample(AlarmMetrics.QUEUE_OLDEST_AGE_SECONDS, labels, oldest, at));
      samples.add(new Sample(AlarmMetrics.QUEUE_DEAD_LETTERS, labels, q.dead(), at));
    }
    return samples;
  }

  /** A breaker's state as 0 (closed), 1 (half-open) or 2 (open); a channel's breaker also names its channel. */
  static Sample of(BreakerStateChanged changed) {
    double value = switch (changed.to()) {
      case OPEN, FORCED_OPEN -> AlarmMetrics.BREAKER_OPEN;
      case HALF_OPEN -> AlarmMetrics.BREAKER_HALF_OPEN;
      case CLOSED, FORCED_CLOSED -> AlarmMetrics.BREAKER_CLOSED;
    };
    Labels labels = changed.name().startsWith(CHANNEL_BREAKER_PREFIX)
        ? Labels.of("breaker", changed.name(), "channel", changed.name().substring(CHANNEL_BREAKER_PREFIX.length()))
        : Labels.of("breaker", changed.name());
    return new Sample(AlarmMetrics.BREAKER_STATE, labels, value, changed.at());
  }

  /** A channel's failed attempts in a row (0 after a delivery): {@code notify.failures}. */
  static Sample of(DeliveryRecorded delivery) {
    return new Sample(AlarmMetrics.NOTIFY_FAILURES, Labels.of("channel", delivery.channel()),
        delivery.consecutiveFailures(), delivery.at());
  }

  /** A component's status and parents, its {@code kind} label the component's probe type ({@code postgres}, {@code http}...). */
  static ComponentFact of(ComponentStatusChanged changed, String probeType) {
    return new ComponentFact(changed.component(), probeType == null ? changed.componentKind() : probeType,
        changed.dependsOn(), changed.status());
  }

  /**
   * What a probe measured, as the engine's series: CPU and memory of the machine the probes run on (the leader, label
   * {@code node}), a watched file system's free ratio ({@code path}), and a foreign queue's figures
   * ({@code foreign.depth}, {@code foreign.consumers}, {@code foreign.failed} and every other number as
   * {@code foreign.<figure>}, labels {@code component} and {@code queue}).
   */
  static List<Sample> of(ProbeResult r, String node) {
    Map<String, Object> f = r.figures();
    List<Sample> samples = new ArrayList<>(4);
    switch (r.type()) {
      case "cpu" -> number(f, "system_load").ifPresent(v -> samples.add(new Sample(AlarmMetrics.SYSTEM_CPU,
          Labels.of("node", node, "component", r.component()), v, r.at())));
      case "memory" -> number(f, "system_used_ratio").ifPresent(v -> samples.add(new Sample(AlarmMetrics.SYSTEM_MEMORY,
          Labels.of("node", node, "component", r.component()), v, r.at())));
      case "disk" -> number(f, "free_ratio").ifPresent(v -> samples.add(new Sample(AlarmMetrics.DISK_FREE_RATIO,
          Labels.of("node", node, "component", r.component(), "path", String.valueOf(f.getOrDefault("path", ""))), v,
          r.at())));
      case "amqp", "bullmq" -> {
        Labels labels = Labels.of("component", r.component(), "queue", String.valueOf(f.getOrDefault("queue", "")));
        f.forEach((name, value) -> {
          if (value instanceof Number n && !(value instanceof Double d && d.isNaN())) {
            String metric = name.equals("waiting") && r.type().equals("bullmq") ? AlarmMetrics.FOREIGN_DEPTH
                : AlarmMetrics.FOREIGN_PREFIX + name;
            samples.add(new Sample(metric, labels, n.doubleValue(), r.at()));
          }
        });
      }
      default -> { }
    }
    return samples;
  }

  private static java.util.Optional<Double> number(Map<String, Object> figures, String name) {
    return figures.get(name) instanceof Number n ? java.util.Optional.of(n.doubleValue()) : java.util.Optional.empty();
  }

  /**
   * Recovery gave up on a component (1) or the component answers again (0), as {@code recovery.exhausted}: the
   * labels name the attempts, so the built-in {@code recovery-exhausted} alarm says which, and the clearing fact
   * carries the same ones.
   */
  static Sample of(RecoveryEscalated escalated) {
    return new Sample(AlarmMetrics.RECOVERY_EXHAUSTED, Labels.of("component", escalated.component(),
        "attempts", escalated.attempts().isEmpty() ? "none" : String.join(",", escalated.attempts()),
        "reason", escalated.reason(),
        "suggested_action", escalated.suggestedAction() == null ? "see the component" : escalated.suggestedAction()),
        escalated.open() ? 1 : 0, escalated.at());
  }

  /** Rows this node's store holds in memory because PostgreSQL does not take them. */
  static Sample storeBuffered(String node, long buffered, Instant at) {
    return new Sample(AlarmMetrics.STORE_BUFFERED, Labels.of("node", node), buffered, at);
  }
}
