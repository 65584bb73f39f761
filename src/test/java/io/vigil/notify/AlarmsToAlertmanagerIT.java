package io.vigil.notify;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Backlog;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real node forwarding its alarms to the real Alertmanager: the alarm is listed while it fires and kept alive by
 * re-sends (its end keeps moving ahead), and once the backlog drains Alertmanager sees it resolved and says so on its
 * own webhook.
 */
@DisplayName("Alarms forwarded to Alertmanager")
class AlarmsToAlertmanagerIT {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String CASE = UUID.randomUUID().toString();

  static Vertx recorder;
  static RecordingReceiver amWebhooks;
  static AlertmanagerProcess am;
  static RunningVigil vigil;

  @BeforeAll
  static void start() throws Exception {
    recorder = Vertx.vertx();
    amWebhooks = RecordingReceiver.start(recorder);
    am = AlertmanagerProcess.start(amWebhooks.url("/alertmanager-webhook"));
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, stats_interval_ms: 200}
        notifications:
          channels:
            ops-am: {type: alertmanager, url: "%s", resend_interval: 1s}
        alarms:
          routes: {warning: [ops-am]}
          rules:
            queue-backup: {for: 0s, clear_for: 0s, labels: {case: "%s"}}
            processing-timeout: {enabled: false}
        """.formatted(am.url(), CASE));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vigil != null) vigil.close();
    if (am != null) am.close();
    if (recorder != null) result(recorder.close());
  }

  static Optional<JsonObject> listed() {
    try {
      var response = am.get("/api/v2/alerts?filter=" + URLEncoder.encode("case=\"" + CASE + "\"",
          StandardCharsets.UTF_8));
      JsonArray alerts = new JsonArray(response.body());
      return alerts.isEmpty() ? Optional.empty() : Optional.of(alerts.getJsonObject(0));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static boolean amNotified(String status) {
    return amWebhooks.requests().stream().map(RecordingReceiver.Request::json)
        .anyMatch(b -> CASE.equals(b.getJsonObject("groupLabels").getString("case")) && status.equals(b.getString("status")));
  }

  @Test
  void theFiringAlarmIsListedKeptAliveByReSendsAndResolvedWhenTheBacklogDrains() {
    Backlog.of(vigil, 101);

    JsonObject alert = Eventually.await("Alertmanager lists the alarm", WAIT, AlarmsToAlertmanagerIT::listed,
        Optional::isPresent).orElseThrow();
    assertThat(alert.getJsonObject("labels").getString("alertname")).isEqualTo("queue-backup");
    assertThat(alert.getJsonObject("labels").getString("queue")).isEqualTo("default");
    assertThat(alert.getJsonObject("status").getString("state")).isEqualTo("active");
    Instant firstEnd = Instant.parse(alert.getString("endsAt"));
    Eventually.await("a re-send moves its end ahead", WAIT,
        () -> listed().map(a -> Instant.parse(a.getString("endsAt"))).orElse(Instant.EPOCH),
        end -> end.isAfter(firstEnd));
    Eventually.await("Alertmanager's own webhook says it fires", WAIT, () -> amNotified("firing"));

    Backlog.drain(vigil);

    Eventually.await("Alertmanager no longer lists it as active", WAIT, () -> listed().isEmpty());
    Eventually.await("Alertmanager's own webhook says it resolved", WAIT, () -> amNotified("resolved"));
    assertThat(vigil.get("/api/notifications?channel=ops-am").json().getJsonArray("notifications").stream()
        .map(JsonObject.class::cast).map(m -> m.getString("kind") + "/" + m.getString("status")))
        .containsExactlyInAnyOrder("firing/sent", "resolved/sent");
  }
}
