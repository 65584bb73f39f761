package io.vigil.recovery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.store.attempts.RecoveryAttempt;
import io.vigil.store.attempts.RecoveryStats;

import java.util.Map;

/** The API's shape of attempts and statistics. */
final class RecoveryJson {
  private RecoveryJson() {}

  static JsonObject attempt(RecoveryAttempt a) {
    return new JsonObject().put("id", a.id()).put("run_id", a.runId()).put("component", a.component())
        .put("action", a.action()).put("trigger", a.trigger()).put("actor", a.actor())
        .put("started_at", Millis.format(a.startedAt())).put("duration_ms", a.durationMs())
        .put("outcome", a.outcome().wireName()).put("success", a.success()).put("error", a.error())
        .put("details", new JsonObject(Map.copyOf(a.details())));
  }

  static JsonObject stats(RecoveryStats s, String since) {
    JsonObject byAction = new JsonObject();
    s.byAction().forEach((k, v) -> byAction.put(k, counts(v)));
    JsonObject byComponent = new JsonObject();
    s.byComponent().forEach((k, v) -> byComponent.put(k, counts(v)));
    return new JsonObject().put("since", since).put("total", s.total()).put("succeeded", s.succeeded())
        .put("failed", s.failed()).put("running", s.running()).put("success_rate", s.successRate())
        .put("mean_time_to_recover_ms", s.meanTimeToRecoverMs()).put("by_action", byAction)
        .put("by_component", byComponent)
        .put("recent_failures", new JsonArray(s.recentFailures().stream().map(RecoveryJson::attempt).toList()));
  }

  private static JsonObject counts(RecoveryStats.Counts c) {
    return new JsonObject().put("total", c.total()).put("succeeded", c.succeeded()).put("failed", c.failed())
        .put("success_rate", c.successRate());
  }
}
