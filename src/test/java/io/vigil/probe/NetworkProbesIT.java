package io.vigil.probe;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.testing.Await;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.probe.ProbeRun.TIMING;
import static io.vigil.probe.ProbeRun.check;
import static org.assertj.core.api.Assertions.assertThat;

/** The http, tcp, dns and eventbus probes against real local targets: up, failing, wrong, slow, closed. */
@DisplayName("Network probes against real targets")
class NetworkProbesIT {
  static Vertx vertx;
  static TargetServer target;
  static ProbeKinds kinds;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    target = TargetServer.start();
    kinds = new ProbeKinds(vertx, java.time.Clock.systemUTC(), new io.vigil.config.ProbeSlice(Map.of(), "", ""));
  }

  @AfterAll
  static void stop() {
    target.close();
    Await.result(kinds.close());
    Await.result(vertx.close());
  }

  static ProbeSpec.Http http(String url, List<Integer> statuses, String contains, String pointer, String equals, boolean verify) {
    return new ProbeSpec.Http(TIMING, "GET", url, Map.of("Authorization", "Bearer probe-secret"), statuses, contains,
        pointer, equals, verify, Duration.ZERO);
  }

  static Reading http(ProbeSpec.Http spec) {
    return check(vertx, kinds.create(Components.component("h", spec, false)));
  }

  @Test
  void anHttpTargetAnsweringAsExpectedIsOk() {
    target.answer(200, "{\"status\":\"up\",\"db\":{\"ok\":true}}");

    Reading reading = http(http(target.url("/health"), List.of(), "up", "/db/ok", "true", true));

    assertThat(reading.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat(reading.figures()).containsEntry("status_code", 200);
  }

  @Test
  void anUnexpectedStatusFailsAndSaysWhatWasExpected() {
    target.answer(503, "busy");

    assertThat(http(http(target.url("/"), List.of(), "", "", "", true)).outcome())
        .isEqualTo(HealthOutcome.failed("HTTP 503, expected 2xx"));
    target.answer(204, "");
    assertThat(http(http(target.url("/"), List.of(200), "", "", "", true)).outcome())
        .isEqualTo(HealthOutcome.failed("HTTP 204, expected [200]"));
  }

  @Test
  void aWrongBodyFailsOnTheTextAndOnTheJsonPointer() {
    target.answer(200, "{\"status\":\"degraded\"}");

    assertThat(http(http(target.url("/"), List.of(), "\"up\"", "", "", true)).outcome())
        .isEqualTo(HealthOutcome.failed("the body does not contain '\"up\"'"));
    assertThat(http(http(target.url("/"), List.of(), "", "/status", "up", true)).outcome())
        .isEqualTo(HealthOutcome.failed("/status is \"degraded\", expected up"));
    assertThat(http(http(target.url("/"), List.of(), "", "/missing", "up", true)).outcome())
        .isEqualTo(HealthOutcome.failed("/missing is absent from the body"));
    target.answer(200, "<html>ok</html>");
    assertThat(http(http(target.url("/"), List.of(), "", "/status", "up", true)).outcome())
        .isEqualTo(HealthOutcome.failed("the body is not JSON, so /status cannot be read"));
  }

  @Test
  void aSlowTargetFailsAtTheProbeTimeoutThroughTheRunner() {
    target.answer(200, "{}").delay(1_500);
    try {
      ProbeSpec.Http spec = new ProbeSpec.Http(Components.timing(10_000, 300, 1, 1), "GET", target.url("/"), Map.of(),
          List.of(), "", "", "", true, Duration.ZERO);
      var component = Components.component("slow", spec, false);
      var results = new java.util.concurrent.LinkedBlockingQueue<io.vigil.domain.probe.ProbeResult>();
      vertx.getOrCreateContext().runOnContext(v -> {
        var context = Vertx.currentContext();
        var probe = new ComponentProbe(component, kinds.create(component),
            io.vigil.domain.health.HealthTracker.unknown(new io.vigil.domain.health.HealthThresholds(1, 1),
                java.time.Clock.systemUTC()), io.vigil.kit.VertxTimers.on(context), java.time.Clock.systemUTC(),
            (p, r, t) -> results.add(r));
        probe.run(true);
      });
      var result = Await.result(io.vertx.core.Future.fromCompletionStage(
          java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
              return results.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          })));
      assertThat(result.outcome()).isEqualTo(HealthOutcome.failed("no answer within 300 ms"));
      assertThat(result.latencyMs()).isBetween(290.0, 1_400.0);
    } finally {
      target.delay(0);
    }
  }

  @Test
  void tlsVerificationRefusesASelfSignedCertificateUnlessItIsSwitchedOff() {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    HttpServer https = Await.result(vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(certificate.keyCertOptions()).setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.response().end("{\"status\":\"up\"}")).listen());
    try {
      String url = "https://localhost:" + https.actualPort() + "/";
      Reading verified = http(http(url, List.of(), "", "", "", true));
      Reading trusting = http(http(url, List.of(), "", "", "", false));

      assertThat(verified.outcome()).isInstanceOf(HealthOutcome.Failed.class);
      assertThat(trusting.outcome()).isEqualTo(HealthOutcome.ok());
    } finally {
      Await.result(https.close());
    }
  }

  @Test
  void aTcpPortThatAcceptsIsOkAndAClosedOneFails() {
    int open = Integer.parseInt(target.url("").replaceAll(".*:(\\d+)$", "$1"));
    int closed = RunningVigil.freePort();

    Reading up = check(vertx, kinds.create(Components.component("t", new ProbeSpec.Tcp(TIMING, "127.0.0.1", open, Duration.ZERO), false)));
    Reading down = check(vertx, kinds.create(Components.component("t", new ProbeSpec.Tcp(TIMING, "127.0.0.1", closed, Duration.ZERO), false)));

    assertThat(up.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat(down.outcome()).isInstanceOf(HealthOutcome.Failed.class);
    assertThat(((HealthOutcome.Failed) down.outcome()).error()).startsWith("127.0.0.1:" + closed + ": cannot connect");
  }

  @Test
  void aNameThatResolvesIsOkAndOneThatDoesNotFails() {
    Reading local = check(vertx, new DnsProbe(vertx, new ProbeSpec.Dns(TIMING, "localhost", Duration.ZERO)));
    Reading missing = check(vertx, new DnsProbe(vertx, new ProbeSpec.Dns(TIMING, "no-such-host.invalid", Duration.ZERO)));

    assertThat(local.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat((List<?>) local.figures().get("addresses")).isNotEmpty();
    assertThat(missing.outcome()).isEqualTo(HealthOutcome.failed("'no-such-host.invalid' does not resolve"));
  }

  @Test
  void anEventBusAddressWithAConsumerIsOkAndWithoutOneFails() {
    String address = "vigil.test.ping." + System.nanoTime();
    var consumer = vertx.eventBus().<JsonObject>consumer(address, m -> m.reply(new JsonObject().put("pong", true)));
    String failing = address + ".failing";
    var refusing = vertx.eventBus().<JsonObject>consumer(failing, m -> m.fail(400, "unknown task"));
    try {
      assertThat(check(vertx, new EventBusProbe(vertx.eventBus(), new ProbeSpec.EventBus(TIMING, address, Duration.ZERO))).outcome())
          .isEqualTo(HealthOutcome.ok());
      Reading answeredWithFailure = check(vertx, new EventBusProbe(vertx.eventBus(),
          new ProbeSpec.EventBus(TIMING, failing, Duration.ZERO)));
      assertThat(answeredWithFailure.outcome()).isEqualTo(HealthOutcome.ok());
      assertThat(answeredWithFailure.figures()).containsEntry("answer", "failure 400: unknown task");
      assertThat(check(vertx, new EventBusProbe(vertx.eventBus(), new ProbeSpec.EventBus(TIMING, address + ".none", Duration.ZERO))).outcome())
          .isEqualTo(HealthOutcome.failed("nothing consumes " + address + ".none"));
    } finally {
      Await.result(consumer.unregister());
      Await.result(refusing.unregister());
    }
  }
}
