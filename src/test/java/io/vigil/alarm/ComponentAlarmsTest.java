package io.vigil.alarm;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.notify.RecordingReceiver;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Components' status from the real probes drives the built-in rules: a dependency that goes down pages once; a
 * component whose parent is down at the time has its alarm recorded and shown but not sent; when they recover, the
 * resolve goes only where the firing went.
 */
@DisplayName("Alarms on components")
class ComponentAlarmsTest {
  Vertx receivers = Vertx.vertx();
  RecordingReceiver hook = RecordingReceiver.start(receivers);
  TargetServer api = TargetServer.start();
  RunningVigil vigil;

  @AfterEach
  void stop() throws Exception {
    if (vigil != null) vigil.close();
    api.close();
    result(receivers.close());
  }

  private JsonObject alarmOf(String component) {
    return vigil.get("/api/alarms?state=firing").json().getJsonArray("alarms").stream().map(JsonObject.class::cast)
        .filter(a -> component.equals(a.getJsonObject("labels").getString("component"))).findFirst().orElse(null);
  }

  private List<String> told() {
    return hook.requests().stream().map(r -> r.json().getString("status") + ":" + r.json().getJsonArray("alerts")
        .getJsonObject(0).getJsonObject("labels").getString("component")).toList();
  }

  @Test
  void aCriticalComponentDownWhoseAlarmWentOutMakesTheStatusSayOperatorsHaveBeenNotified() {
    vigil = RunningVigil.start("""
        probe_defaults: {interval_ms: 200, timeout_ms: 150, failure_threshold: 1, success_threshold: 1}
        components:
          api: {name: Payments API, critical: true, probe: {type: http, url: "%s"}}
        notifications:
          channels:
            ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
        alarms:
          routes: {warning: [ops-hook]}
          rules:
            processing-timeout: {enabled: false}
        """.formatted(api.url("/health")), Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"),
        "VIGIL_TEST_HOOK_KEY", "whsec-components-0123456789"));

    api.answer(500, "down");
    Eventually.await("the api is told", Duration.ofSeconds(15), () -> told().equals(List.of("firing:api")));

    String message = Eventually.await("the status line", Duration.ofSeconds(10),
        () -> vigil.get("/api/status").json().getString("message"), m -> m.contains("notified"));
    assertThat(message).startsWith("Payments API has been down since ").endsWith("; operators have been notified.");
  }

  @Test
  void aChildWhoseParentIsDownIsRecordedButNotSentAndOnlyWhatWasSentIsResolved() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    vigil = RunningVigil.start("""
        probe_defaults: {interval_ms: 200, timeout_ms: 150, failure_threshold: 1, success_threshold: 1}
        components:
          edge: {probe: {type: tcp, host: 127.0.0.1, port: %d}}
          api: {depends_on: [edge], probe: {type: http, url: "%s"}}
        notifications:
          channels:
            ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
        alarms:
          routes: {warning: [ops-hook]}
          rules:
            processing-timeout: {enabled: false}
        """.formatted(closed, api.url("/health")), Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"),
        "VIGIL_TEST_HOOK_KEY", "whsec-components-0123456789"));

    JsonObject edge = Eventually.await("the edge's alarm fires", Duration.ofSeconds(15), () -> alarmOf("edge"),
        a -> a != null);
    assertThat(edge.getString("rule")).isEqualTo("external-service-down");
    assertThat(edge.getJsonObject("labels").getString("kind")).isEqualTo("tcp");
    Eventually.await("the edge is told", Duration.ofSeconds(10), () -> told().equals(List.of("firing:edge")));

    api.answer(500, "down too");
    JsonObject child = Eventually.await("the api's alarm fires", Duration.ofSeconds(15), () -> alarmOf("api"),
        a -> a != null);
    assertThat(child.getBoolean("suppressed")).isTrue();
    Thread.sleep(1_000); // a firing message would have gone out at once
    assertThat(told()).containsExactly("firing:edge");

    api.answer(200, "ok");
    Eventually.await("the api's alarm resolves", Duration.ofSeconds(15), () -> alarmOf("api") == null);
    Thread.sleep(500);
    assertThat(told()).as("no resolve for what was never sent").containsExactly("firing:edge");
    JsonArray timeline = vigil.get("/api/alarms/" + child.getString("id")).json().getJsonArray("timeline");
    assertThat(timeline.stream().map(JsonObject.class::cast).map(e -> e.getJsonObject("details").getString("kind")))
        .contains("suppressed");
  }
}
