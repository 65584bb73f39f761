package io.vigil.alarm;

import io.vigil.bus.QueueStatsUpdated;
import io.vigil.domain.QueueStats;
import io.vigil.domain.alarm.AlarmMetrics;
import io.vigil.domain.alarm.Labels;
import io.vigil.domain.alarm.Sample;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTrigger;
import io.vigil.domain.fact.BreakerStateChanged;
import io.vigil.domain.fact.Stamp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts as the engine's samples: queue figures, idle time while work waits, breaker states. */
class FactSamplesTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  static Map<String, Double> of(QueueStats q) {
    return FactSamples.of(new QueueStatsUpdated(NOW, List.of(q))).stream()
        .collect(Collectors.toMap(Sample::metric, Sample::value));
  }

  static QueueStats queue(long waiting, long oldestMs, Instant lastCompleted) {
    return new QueueStats("orders", false, waiting, 0, 0, 10, 0, 3, 12, 0.25, oldestMs, lastCompleted);
  }

  @Test
  void everyQueueFigureIsASampleOfItsQueue() {
    Map<String, Double> samples = of(queue(153, 90_000, NOW.minusSeconds(400)));

    assertThat(samples).containsEntry(AlarmMetrics.QUEUE_BACKLOG, 153.0)
        .containsEntry(AlarmMetrics.QUEUE_ERROR_RATE, 0.25)
        .containsEntry(AlarmMetrics.QUEUE_OLDEST_AGE_SECONDS, 90.0)
        .containsEntry(AlarmMetrics.QUEUE_DEAD_LETTERS, 3.0);
    assertThat(FactSamples.of(new QueueStatsUpdated(NOW, List.of(queue(1, 0, null)))).get(0).labels())
        .isEqualTo(Labels.of("queue", "orders"));
  }

  @Test
  void idleTimeCountsOnlyWhileWorkWaitsAndNeverLongerThanTheOldestTaskHasWaited() {
    assertThat(of(queue(5, 600_000, NOW.minusSeconds(400))).get(AlarmMetrics.QUEUE_IDLE_SECONDS))
        .as("nothing completed for 400 s while the oldest waits 600 s").isEqualTo(400.0);
    assertThat(of(queue(5, 20_000, NOW.minusSeconds(4000))).get(AlarmMetrics.QUEUE_IDLE_SECONDS))
        .as("work that arrived 20 s ago at a quiet queue").isEqualTo(20.0);
    assertThat(of(queue(5, 30_000, null)).get(AlarmMetrics.QUEUE_IDLE_SECONDS)).isEqualTo(30.0);
    assertThat(of(queue(0, 0, NOW.minusSeconds(4000))).get(AlarmMetrics.QUEUE_IDLE_SECONDS)).isZero();
  }

  @Test
  void aBreakerIsOpenHalfOpenOrClosedAndAChannelsBreakerNamesItsChannel() {
    Stamp stamp = new Stamp("0190a0b0-0000-7000-8000-000000000001", NOW);
    Sample open = FactSamples.of(new BreakerStateChanged(stamp, "n1", "notify:ops-slack", BreakerState.CLOSED,
        BreakerState.OPEN, 100, BreakerTrigger.FAILURE_RATE));
    Sample trial = FactSamples.of(new BreakerStateChanged(stamp, "n1", "http:api:443", BreakerState.OPEN,
        BreakerState.HALF_OPEN, 100, BreakerTrigger.OPEN_ELAPSED));

    assertThat(open.value()).isEqualTo(AlarmMetrics.BREAKER_OPEN);
    assertThat(open.labels()).isEqualTo(Labels.of("breaker", "notify:ops-slack", "channel", "ops-slack"));
    assertThat(trial.value()).isEqualTo(AlarmMetrics.BREAKER_HALF_OPEN);
    assertThat(trial.labels()).isEqualTo(Labels.of("breaker", "http:api:443"));
  }

  @Test
  void probeFiguresBecomeSystemDiskAndForeignQueueSeries() {
    Map<String, Double> cpu = probe("cpu", Map.of("system_load", 0.93, "cores", 2));
    Map<String, Double> disk = probe("disk", Map.of("free_ratio", 0.04, "path", "/var"));
    Map<String, Double> rabbit = probe("amqp", Map.of("queue", "emails", "depth", 1500, "consumers", 0));
    Map<String, Double> bull = probe("bullmq", Map.of("queue", "jobs", "waiting", 12, "failed", 3));

    assertThat(cpu).containsExactly(Map.entry(AlarmMetrics.SYSTEM_CPU, 0.93));
    assertThat(disk).containsExactly(Map.entry(AlarmMetrics.DISK_FREE_RATIO, 0.04));
    assertThat(rabbit).containsEntry(AlarmMetrics.FOREIGN_DEPTH, 1500.0).containsEntry(AlarmMetrics.FOREIGN_CONSUMERS, 0.0);
    assertThat(bull).containsEntry(AlarmMetrics.FOREIGN_DEPTH, 12.0).containsEntry(AlarmMetrics.FOREIGN_FAILED, 3.0);
    assertThat(FactSamples.of(result("disk", Map.of("free_ratio", 0.04, "path", "/var")), "n1").get(0).labels())
        .isEqualTo(Labels.of("node", "n1", "component", "c", "path", "/var"));
    assertThat(probe("http", Map.of("status_code", 500))).isEmpty();
  }

  static io.vigil.domain.probe.ProbeResult result(String type, Map<String, Object> figures) {
    return new io.vigil.domain.probe.ProbeResult("c", type, NOW, io.vigil.domain.health.HealthOutcome.ok(), 3, figures,
        io.vigil.domain.health.HealthStatus.HEALTHY, 0, 1, false);
  }

  static Map<String, Double> probe(String type, Map<String, Object> figures) {
    return FactSamples.of(result(type, figures), "n1").stream().collect(Collectors.toMap(Sample::metric, Sample::value));
  }
}
