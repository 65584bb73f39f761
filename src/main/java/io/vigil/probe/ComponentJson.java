package io.vigil.probe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.ProbeJson;
import io.vigil.config.ComponentConfig;
import io.vigil.config.ComponentKind;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthSnapshot;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.probe.Outcomes;
import io.vigil.domain.probe.ProbeResult;

import io.vigil.store.rollups.ProbeRollup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A component as the API shows it: its configuration, its status, its last check, uptime and history. */
final class ComponentJson {
  /** The uptime windows every listing carries. */
  static final Map<String, Duration> WINDOWS = windows();

  private ComponentJson() {}

  private static Map<String, Duration> windows() {
    Map<String, Duration> windows = new LinkedHashMap<>();
    windows.put("1h", Duration.ofHours(1));
    windows.put("24h", Duration.ofDays(1));
    windows.put("7d", Duration.ofDays(7));
    windows.put("30d", Duration.ofDays(30));
    return windows;
  }

  /** A window by name ({@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}) or in plain minutes/hours/days ({@code 90m}). */
  static Optional<Duration> window(String text) {
    if (text == null) return Optional.empty();
    if (WINDOWS.containsKey(text)) return Optional.of(WINDOWS.get(text));
    if (!text.matches("[1-9][0-9]{0,5}[mhd]")) return Optional.empty();
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    Duration window = switch (text.charAt(text.length() - 1)) {
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    return window.compareTo(Duration.ofDays(30)) <= 0 ? Optional.of(window) : Optional.empty();
  }

  /** The component now; {@code uptime} by window name, or null to leave uptime out. */
  static JsonObject summary(ComponentProbe probe, Map<String, Double> uptime) {
    ComponentConfig config = probe.config();
    HealthSnapshot health = probe.tracker().snapshot();
    ProbeResult last = probe.last();
    ProbeSpec.Timing timing = config.probe().timing();
    JsonObject json = new JsonObject()
        .put("id", config.id())
        .put("name", config.name())
        .put("kind", config.kind().wireName())
        .put("critical", config.critical())
        .put("auto_recoverable", config.autoRecoverable())
        .put("depends_on", new JsonArray(config.dependsOn()))
        .put("probe", new JsonObject().put("type", config.probe().type())
            .put("interval_ms", timing.interval().toMillis()).put("timeout_ms", timing.timeout().toMillis())
            .put("failure_threshold", timing.failureThreshold()).put("success_threshold", timing.successThreshold()))
        .put("status", health.status().wireName())
        .put("since", ProbeJson.time(health.since()))
        .put("last_check", last == null ? null : ProbeJson.time(last.at()))
        .put("last_outcome", last == null ? null : Outcomes.name(last.outcome()))
        .put("latency_ms", last == null ? null : ProbeJson.toJson(last).getDouble("latency_ms"))
        .put("consecutive_failures", health.consecutiveFailures())
        .put("consecutive_successes", health.consecutiveSuccesses())
        .put("last_error", health.lastError())
        .put("last_error_at", ProbeJson.time(health.lastErrorAt()))
        .put("message", last == null ? null : last.message())
        .put("suggested_action", suggestedAction(config, health.status()))
        .put("checks", probe.checks())
        .put("failures", probe.failures())
        .put("figures", last == null ? new JsonObject() : new JsonObject(last.figures()));
    if (uptime != null) {
      JsonObject windows = new JsonObject();
      WINDOWS.keySet().forEach(name -> windows.put(name, uptime.get(name)));
      json.put("uptime", windows);
    }
    return json;
  }

  /** The last hour, minute by minute: checks, failures, the worst status, latency p50 / p95 / max. */
  static JsonArray history(List<ProbeRollup> minutes) {
    JsonArray history = new JsonArray();
    for (ProbeRollup minute : minutes) {
      history.add(new JsonObject().put("minute", ProbeJson.time(minute.minute())).put("checks", minute.checks())
          .put("failures", minute.failures()).put("worst", minute.worst().wireName())
          .put("p50_ms", minute.p50Ms()).put("p95_ms", minute.p95Ms())
          .put("max_ms", minute.latencies().samples() == 0 ? null : minute.latencyMaxMs()));
    }
    return history;
  }

  /** What a person should do in this status: the component's own text, else its kind's; null when healthy. */
  static String suggestedAction(ComponentConfig config, HealthStatus status) {
    ComponentKind.SuggestedActions actions = config.suggestedAction();
    return switch (status) {
      case HEALTHY -> null;
      case DEGRADED -> actions.degraded();
      case UNHEALTHY -> actions.unhealthy();
      case UNKNOWN -> actions.unknown();
    };
  }
}
