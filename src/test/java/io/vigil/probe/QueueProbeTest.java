package io.vigil.probe;

import io.vertx.core.json.JsonObject;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue probe's judgement of a Vigil queue's statistics, on a driven clock. */
@DisplayName("The queue probe")
class QueueProbeTest {
  final MutableClock clock = MutableClock.startingAt("2025-03-01T10:00:00Z");

  QueueProbe probe(long maxBacklog, long maxAgeMs, long stallMs) {
    return new QueueProbe(null, new ProbeSpec.Queue(ProbeRun.TIMING, "work", maxBacklog, Duration.ofMillis(maxAgeMs),
        Duration.ofMillis(stallMs)), clock);
  }

  static JsonObject stats(long waiting, long dead, String lastCompletedAt) {
    return new JsonObject().put("queue", "work").put("waiting", waiting).put("dead", dead).put("active", 0)
        .put("oldest_waiting_age_ms", waiting > 0 ? 1_000 : 0).put("paused", false).put("last_completed_at", lastCompletedAt);
  }

  @Test
  void noProgressWhileWorkWaitsFailsOnlyOnceTheStallTimeHasPassed() {
    QueueProbe probe = probe(0, 0, 60_000);
    assertThat(probe.judge(stats(5, 0, null)).outcome()).isEqualTo(HealthOutcome.ok());

    clock.advance(Duration.ofSeconds(59));
    assertThat(probe.judge(stats(5, 0, null)).outcome()).isEqualTo(HealthOutcome.ok());
    clock.advance(Duration.ofSeconds(1));
    Reading stalled = probe.judge(stats(5, 0, null));

    assertThat(stalled.outcome()).isEqualTo(HealthOutcome.failed("no progress for 60 s while 5 task(s) wait"));
    assertThat(stalled.figures()).containsEntry("no_progress_ms", 60_000L);
  }

  @Test
  void aCompletionADeadLetterOrAShrinkingBacklogCountsAsProgress() {
    QueueProbe probe = probe(0, 0, 60_000);
    probe.judge(stats(5, 0, null));
    clock.advance(Duration.ofSeconds(50));
    probe.judge(stats(5, 0, "2025-03-01T10:00:50Z")); // completed one (new work arrived meanwhile)
    clock.advance(Duration.ofSeconds(50));
    assertThat(probe.judge(stats(5, 1, "2025-03-01T10:00:50Z")).outcome()).isEqualTo(HealthOutcome.ok()); // dead letter
    clock.advance(Duration.ofSeconds(50));
    assertThat(probe.judge(stats(4, 1, "2025-03-01T10:00:50Z")).outcome()).isEqualTo(HealthOutcome.ok()); // backlog shrank
    clock.advance(Duration.ofSeconds(60));
    assertThat(probe.judge(stats(4, 1, "2025-03-01T10:00:50Z")).outcome()).isInstanceOf(HealthOutcome.Failed.class);
  }

  @Test
  void aBacklogOrAnOldestTaskAboveItsLimitIsDegraded() {
    Reading reading = probe(3, 500, 0).judge(stats(5, 0, null));

    assertThat(reading.outcome()).isEqualTo(HealthOutcome.degraded("5 task(s) wait, above 3; the oldest task has waited 1000 ms, above 500 ms"));
  }

  @Test
  void aPausedQueueIsDegradedAndNeverStalled() {
    QueueProbe probe = probe(0, 0, 1_000);
    JsonObject paused = stats(7, 0, null).put("paused", true);
    probe.judge(paused);
    clock.advance(Duration.ofMinutes(10));

    assertThat(probe.judge(paused).outcome()).isEqualTo(HealthOutcome.degraded("paused by an operator; 7 task(s) wait"));
  }
}
