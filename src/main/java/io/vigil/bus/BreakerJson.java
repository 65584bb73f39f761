package io.vigil.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.breaker.BreakerSnapshot;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTransition;
import io.vigil.domain.breaker.BreakerTrigger;
import io.vigil.domain.breaker.SharedBreakerState;

import java.util.List;

/** Circuit breakers as the API and bus replies show them: snake_case, rates in percent, ISO-8601 UTC times. */
public final class BreakerJson {
  private BreakerJson() {}

  /** Every breaker of node {@code node} (which a transition without a node of its own names). */
  public static JsonObject list(List<BreakerSnapshot> breakers, String node) {
    return new JsonObject().put("breakers", new JsonArray(breakers.stream().map(b -> toJson(b, node)).toList()));
  }

  public static JsonObject list(List<BreakerSnapshot> breakers) {
    return list(breakers, null);
  }

  public static JsonObject toJson(BreakerSnapshot b) {
    return toJson(b, null);
  }

  public static JsonObject toJson(BreakerSnapshot b, String node) {
    JsonObject json = new JsonObject()
        .put("name", b.name())
        .put("state", b.state().wireName())
        .put("forced", b.forced())
        .put("since", Json.time(b.since()))
        .put("failure_rate", rounded(b.failureRate()))
        .put("slow_call_rate", rounded(b.slowCallRate()))
        .put("calls", b.calls())
        .put("failures", b.failures())
        .put("slow_calls", b.slowCalls())
        .put("minimum_calls", b.minimumCalls())
        .put("succeeded", b.succeeded())
        .put("failed", b.failed())
        .put("rejected", b.rejected());
    if (b.openUntil() != null) json.put("open_until", Json.time(b.openUntil()));
    if (b.opened() != null) {
      String by = b.opened().node() != null ? b.opened().node() : node;
      if (by != null) json.put("tripped_by", by);
      if (b.opened().actor() != null) json.put("forced_by", b.opened().actor());
    }
    if (b.lastTransition() != null) json.put("last_transition", toJson(b.lastTransition(), node));
    return json;
  }

  public static JsonObject toJson(BreakerTransition t) {
    return toJson(t, null);
  }

  public static JsonObject toJson(BreakerTransition t, String node) {
    JsonObject json = new JsonObject()
        .put("name", t.name())
        .put("from", t.from().wireName())
        .put("to", t.to().wireName())
        .put("at", Json.time(t.at()))
        .put("failure_rate", rounded(t.failureRate()))
        .put("reason", t.reason().wireName());
    String by = t.node() != null ? t.node() : node;
    if (by != null) json.put("node", by);
    if (t.actor() != null) json.put("actor", t.actor());
    return json;
  }

  /** A breaker state as nodes share it through Redis (the pub/sub message and the hash value are the same text). */
  public static String encode(SharedBreakerState s) {
    JsonObject json = new JsonObject().put("name", s.name()).put("state", s.state().wireName())
        .put("reason", s.reason().wireName()).put("node", s.node()).put("at", s.at().toEpochMilli());
    if (s.actor() != null) json.put("actor", s.actor());
    if (s.openUntil() != null) json.put("open_until", s.openUntil().toEpochMilli());
    return json.encode();
  }

  /** The shared state in {@code text}; throws IllegalArgumentException (or a decode error) when it is not one. */
  public static SharedBreakerState decode(String text) {
    JsonObject json = new JsonObject(text);
    Long until = json.getLong("open_until");
    return new SharedBreakerState(required(json, "name"), BreakerState.valueOf(upper(required(json, "state"))),
        BreakerTrigger.valueOf(upper(required(json, "reason"))), required(json, "node"), json.getString("actor"),
        java.time.Instant.ofEpochMilli(json.getLong("at")), until == null ? null : java.time.Instant.ofEpochMilli(until));
  }

  private static String required(JsonObject json, String key) {
    String value = json.getString(key);
    if (value == null || value.isEmpty()) throw new IllegalArgumentException("no " + key);
    return value;
  }

  private static String upper(String wireName) {
    return wireName.toUpperCase(java.util.Locale.ROOT);
  }

  private static double rounded(double percent) {
    return Math.round(percent * 10) / 10.0;
  }
}
