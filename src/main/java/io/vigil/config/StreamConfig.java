package io.vigil.config;

import java.time.Duration;

/**
 * The live event stream (SSE).
 *
 * @param clientBufferBytes bytes written to one client and not yet sent; beyond it the client is dropped (it resumes by id)
 * @param ticketTtl how long a stream ticket from {@code POST /api/stream/tickets} may be redeemed
 */
public record StreamConfig(int ringSize, Duration heartbeat, int clientBufferBytes, Duration ticketTtl) {
  static StreamConfig read(ConfigReader r) {
    return new StreamConfig(r.integer("stream.ring_size", 1, 1_000_000), r.millis("stream.heartbeat_ms", 100, 600_000),
        r.integer("stream.client_buffer_bytes", 4096, 64 * 1024 * 1024), r.millis("stream.ticket_ttl_ms", 1000, 600_000));
  }
}
