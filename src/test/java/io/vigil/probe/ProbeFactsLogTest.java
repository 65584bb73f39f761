package io.vigil.probe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.config.ComponentConfig;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.health.HealthTransition;
import io.vigil.domain.probe.ProbeResult;
import io.vigil.testing.CapturedLog;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe log lines people grep and ship, written as JSON by the same encoder the shipped logback.xml uses for
 * {@code log.format: json}: the event name and each key/value are fields of their own.
 */
class ProbeFactsLogTest {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  final Vertx vertx = withCodecs(Vertx.vertx());
  final MutableClock clock = MutableClock.startingAt("2026-11-27T10:00:00Z");
  final ProbeFacts facts = new ProbeFacts(vertx.eventBus(), new Stamps(clock), new FakeTimers(clock));
  final ComponentConfig payments = Components.tcp("payments", Components.timing(1_000, 500, 1, 1));
  final Logger health = (Logger) LoggerFactory.getLogger("io.vigil.probe.health");
  final Level levelBefore = health.getLevel();

  @AfterEach
  void stop() {
    health.setLevel(levelBefore);
    result(vertx.close());
  }

  static Vertx withCodecs(Vertx vertx) {
    io.vigil.bus.BusCodecs.register(vertx.eventBus());
    return vertx;
  }

  static ProbeResult check(HealthOutcome outcome, HealthStatus status, int failures) {
    return new ProbeResult("payments", "tcp", T0, outcome, 42.4, Map.of(), status, failures, 0, false);
  }

  static JsonObject json(ILoggingEvent event) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.start();
    try {
      return new JsonObject(new String(encoder.encode(event), StandardCharsets.UTF_8));
    } finally {
      encoder.stop();
    }
  }

  static JsonObject only(CapturedLog log, String event) {
    List<JsonObject> lines = log.events().stream().filter(e -> "io.vigil.probe.health".equals(e.getLoggerName()))
        .map(ProbeFactsLogTest::json).filter(j -> event.equals(j.getString("event"))).toList();
    assertThat(lines).as(event + " lines").hasSize(1);
    return lines.get(0);
  }

  @Test
  void theFirstFailureOfAStreakLogsFailureDetectedAndTheStatusChangeLogsHealthCheckEachWithItsFields() {
    try (CapturedLog log = CapturedLog.capture()) {
      HealthTransition down = new HealthTransition(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, T0, T0.minusSeconds(60),
          1, 0, "connection refused", HealthOutcome.failed("connection refused"));
      facts.recorded(payments, check(HealthOutcome.failed("connection refused"), HealthStatus.UNHEALTHY, 1), down);
      facts.recorded(payments, check(HealthOutcome.failed("connection refused"), HealthStatus.UNHEALTHY, 2), null);

      JsonObject failure = only(log, "FAILURE_DETECTED");
      assertThat(failure.getString("level")).isEqualTo("WARN");
      assertThat(failure.getString("component")).isEqualTo("payments");
      assertThat(failure.getString("error")).isEqualTo("connection refused");
      assertThat(failure.getString("message")).isEqualTo("FAILURE_DETECTED component=payments error=connection refused");

      JsonObject change = only(log, "HEALTH_CHECK");
      assertThat(change.getString("level")).isEqualTo("INFO");
      assertThat(change.getString("component")).isEqualTo("payments");
      assertThat(change.getString("status")).isEqualTo("unhealthy");
      assertThat(change.getString("previous")).isEqualTo("healthy");
      assertThat(change.getLong("latency_ms")).isEqualTo(42L);
    }
  }

  @Test
  void everyCheckLogsHealthCheckWithStatusAndLatencyAtDebug() {
    health.setLevel(Level.DEBUG);
    try (CapturedLog log = CapturedLog.capture()) {
      facts.recorded(payments, check(HealthOutcome.ok(), HealthStatus.HEALTHY, 0), null);

      JsonObject check = only(log, "HEALTH_CHECK");
      assertThat(check.getString("level")).isEqualTo("DEBUG");
      assertThat(check.getString("component")).isEqualTo("payments");
      assertThat(check.getString("status")).isEqualTo("healthy");
      assertThat(check.getLong("latency_ms")).isEqualTo(42L);
    }
  }
}
