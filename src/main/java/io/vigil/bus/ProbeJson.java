package io.vigil.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.probe.Outcomes;
import io.vigil.domain.probe.ProbeResult;
import io.vigil.domain.probe.ProbeResults;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Probe results as the API, the stream and the cluster wire show them. */
public final class ProbeJson {
  private ProbeJson() {}

  /** Times on the wire: ISO-8601 UTC to the millisecond, like every Vigil time. */
  public static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  public static JsonObject toJson(ProbeResult result) {
    return new JsonObject()
        .put("component", result.component())
        .put("type", result.type())
        .put("at", time(result.at()))
        .put("outcome", Outcomes.name(result.outcome()))
        .put("message", result.message())
        .put("latency_ms", Math.round(result.latencyMs() * 1000) / 1000.0)
        .put("status", result.status().wireName())
        .put("consecutive_failures", result.consecutiveFailures())
        .put("consecutive_successes", result.consecutiveSuccesses())
        .put("manual", result.manual())
        .put("figures", new JsonObject(result.figures()));
  }

  public static ProbeResult fromJson(JsonObject json) {
    return new ProbeResult(json.getString("component"), json.getString("type"), Instant.parse(json.getString("at")),
        Outcomes.of(json.getString("outcome"), json.getString("message")), json.getDouble("latency_ms", 0.0),
        json.getJsonObject("figures", new JsonObject()).getMap(),
        HealthStatus.fromWire(json.getString("status")).orElse(HealthStatus.UNKNOWN),
        json.getInteger("consecutive_failures", 0), json.getInteger("consecutive_successes", 0),
        json.getBoolean("manual", false));
  }

  public static JsonObject toJson(ProbeResults results) {
    return new JsonObject().put("results", new JsonArray(results.results().stream().map(ProbeJson::toJson).toList()));
  }

  public static ProbeResults resultsFromJson(JsonObject json) {
    return new ProbeResults(json.getJsonArray("results").stream().map(JsonObject.class::cast).map(ProbeJson::fromJson).toList());
  }
}
