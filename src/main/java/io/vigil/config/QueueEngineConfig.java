package io.vigil.config;

import java.time.Duration;

/** How the queue engine runs, whatever the queue. */
public record QueueEngineConfig(int claimBatch, Duration idlePoll, Duration reapInterval, Duration statsInterval,
                                Duration shutdownGrace, Duration idempotencyWindow, int payloadMaxBytes) {
  static QueueEngineConfig read(ConfigReader r) {
    return new QueueEngineConfig(
        r.integer("queue.claim_batch", 1, 10_000),
        r.millis("queue.idle_poll_ms", 1, 60_000),
        r.millis("queue.reap_interval_ms", 10, 600_000),
        r.millis("queue.stats_interval_ms", 100, 600_000),
        r.millis("queue.shutdown_grace_ms", 0, 600_000),
        r.millis("queue.idempotency_window_ms", 1_000, 30L * 24 * 3600 * 1000),
        r.integer("queue.payload_max_bytes", 16, 64 * 1024 * 1024));
  }
}
