package io.vigil.probe;

import io.vertx.core.eventbus.EventBus;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.config.ComponentConfig;
import io.vigil.domain.Timers;
import io.vigil.domain.fact.ComponentStatusChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.health.HealthTransition;
import io.vigil.domain.probe.ProbeResult;
import io.vigil.domain.probe.ProbeResults;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * What the probes tell the rest: results, batched ({@link #BATCH_MS} at most, or {@link #BATCH_MAX} results) on
 * {@code vigil.probe.result.recorded} — a second, not less: every publication wakes the alarm engine, the stream and
 * each HTTP event loop, and no status change waits for it; each status change at once as an audited, streamed event
 * on {@code vigil.probe.status.changed}; and the log lines people grep — {@code HEALTH_CHECK} (component, status,
 * latency_ms: every check at DEBUG, every status change at INFO) and {@code FAILURE_DETECTED} (component, error: at
 * WARN on the first failure of a streak, so a component down for an hour logs once, not once a second). In JSON logs
 * the names and values are fields ({@code event}, {@code component}, ...).
 */
final class ProbeFacts {
  static final long BATCH_MS = 1_000;
  static final int BATCH_MAX = 500;
  private static final Logger LOG = LoggerFactory.getLogger("io.vigil.probe.health");

  private final EventBus bus;
  private final Stamps stamps;
  private final Timers timers;
  private List<ProbeResult> batch = new ArrayList<>();
  private long flushTimer = -1;

  ProbeFacts(EventBus bus, Stamps stamps, Timers timers) {
    this.bus = bus;
    this.stamps = stamps;
    this.timers = timers;
  }

  void recorded(ComponentConfig component, ProbeResult result, HealthTransition transition) {
    batch.add(result);
    if (batch.size() >= BATCH_MAX) flush();
    else if (flushTimer < 0) flushTimer = timers.schedule(BATCH_MS, this::flush);
    if (LOG.isDebugEnabled()) {
      LOG.debug(Markers.append("event", "HEALTH_CHECK"), "HEALTH_CHECK {} {} {}", kv("component", component.id()),
          kv("status", result.status().wireName()), kv("latency_ms", Math.round(result.latencyMs())));
    }
    if (result.failed() && result.consecutiveFailures() == 1) {
      LOG.warn(Markers.append("event", "FAILURE_DETECTED"), "FAILURE_DETECTED {} {}", kv("component", component.id()),
          kv("error", result.message()));
    }
    if (transition != null) changed(component, transition, result);
  }

  private void changed(ComponentConfig component, HealthTransition transition, ProbeResult result) {
    String error = transition.current() == HealthStatus.HEALTHY ? null : result.message();
    LOG.info(Markers.append("event", "HEALTH_CHECK"), "HEALTH_CHECK {} {} {} {}", kv("component", component.id()),
        kv("status", transition.current().wireName()), kv("previous", transition.previous().wireName()),
        kv("latency_ms", Math.round(result.latencyMs())));
    Facts.publish(bus, Addresses.PROBE_STATUS_CHANGED, new ComponentStatusChanged(stamps.at(transition.at()),
        component.id(), component.name(), component.kind().wireName(), component.critical(), transition.current(),
        transition.previous(), transition.previousSince(), error, transition.consecutiveFailures(),
        transition.consecutiveSuccesses(), ComponentJson.suggestedAction(component, transition.current()),
        component.dependsOn(), component.autoRecoverable()));
  }

  /** Publishes what is batched (also on stop, so no result is held back). */
  void flush() {
    if (flushTimer >= 0) timers.cancel(flushTimer);
    flushTimer = -1;
    if (batch.isEmpty()) return;
    ProbeResults results = new ProbeResults(batch);
    batch = new ArrayList<>();
    Facts.publish(bus, Addresses.PROBE_RESULT_RECORDED, results);
  }
}
