package io.vigil.queue;

import io.vigil.domain.QueueStats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which statistics rounds are published: one that differs from the last one published, and an unchanged one once
 * the last publication is {@link #REFRESH} old. An idle node's queues read the same round after round, and each
 * publication wakes the metrics, the alarm engine, the stream and every HTTP event loop for nothing. A queue with
 * work waiting differs every round (its oldest task ages), as does one that finished work in the last minute (its
 * throughput and error rate move), so a breach is still seen at the next round. The refresh feeds what starts
 * listening late (a new leader's alarm engine) and the dashboard, which replaces a stream silent for 20 s.
 * Confined to one event loop.
 */
final class StatsRounds {
  static final Duration REFRESH = Duration.ofSeconds(10);

  private List<QueueStats> last;
  private Instant lastAt;

  /** Whether this round's statistics are published; if so, they become the last published. */
  boolean publish(List<QueueStats> stats, Instant now) {
    if (stats.equals(last) && now.isBefore(lastAt.plus(REFRESH))) return false;
    last = stats;
    lastAt = now;
    return true;
  }
}
