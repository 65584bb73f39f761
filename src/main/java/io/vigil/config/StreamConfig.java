package io.vigil.config;

import java.time.Duration;

/** The live event stream (SSE). */
public record StreamConfig(int ringSize, Duration heartbeat) {
  static StreamConfig read(ConfigReader r) {
    return new StreamConfig(r.integer("stream.ring_size", 1, 1_000_000), r.millis("stream.heartbeat_ms", 100, 600_000));
  }
}
