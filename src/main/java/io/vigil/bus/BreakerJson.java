package io.vigil.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.breaker.BreakerSnapshot;
import io.vigil.domain.breaker.BreakerTransition;

import java.util.List;

/** Circuit breakers as the API and bus replies show them: snake_case, rates in percent, ISO-8601 UTC times. */
public final class BreakerJson {
  private BreakerJson() {}

  public static JsonObject list(List<BreakerSnapshot> breakers) {
    return new JsonObject().put("breakers", new JsonArray(breakers.stream().map(BreakerJson::toJson).toList()));
  }

  public static JsonObject toJson(BreakerSnapshot b) {
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
    if (b.lastTransition() != null) json.put("last_transition", toJson(b.lastTransition()));
    return json;
  }

  public static JsonObject toJson(BreakerTransition t) {
    return new JsonObject()
        .put("name", t.name())
        .put("from", t.from().wireName())
        .put("to", t.to().wireName())
        .put("at", Json.time(t.at()))
        .put("failure_rate", rounded(t.failureRate()))
        .put("reason", t.reason().wireName());
  }

  private static double rounded(double percent) {
    return Math.round(percent * 10) / 10.0;
  }
}
