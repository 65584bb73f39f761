package io.vigil.cluster;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;

/**
 * The leadership lease as it is stored: who holds it, since when (kept across renewals) and until when. Nodes
 * compare {@code expires} with their own clock, so their clocks must agree to well within a lease (NTP).
 */
public record Lease(String node, Instant since, Instant expires) {

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expires);
  }

  Lease renewedUntil(Instant until) {
    return new Lease(node, since, until);
  }

  /** The stored text; compare-and-set works on it, so it is written once per lease change and never re-encoded. */
  String encode() {
    return new JsonObject().put("node", node).put("since", since.toEpochMilli()).put("expires", expires.toEpochMilli())
        .encode();
  }

  /** Empty when the text is not a lease (then it is treated as expired and replaced). */
  static Optional<Lease> decode(String text) {
    try {
      JsonObject json = new JsonObject(text);
      return Optional.of(new Lease(json.getString("node"), Instant.ofEpochMilli(json.getLong("since")),
          Instant.ofEpochMilli(json.getLong("expires"))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
