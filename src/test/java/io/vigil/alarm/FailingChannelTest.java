package io.vigil.alarm;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.notify.RecordingReceiver;
import io.vigil.testing.Backlog;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver that is down: the outbox keeps retrying with backoff, the channel's breaker opens, the channel's own
 * alarm reaches people on the other channel, and when the receiver is back the message is delivered — once, with
 * the same notification id it had on every attempt — and the channel alarm resolves.
 */
@DisplayName("A failing channel")
class FailingChannelTest {
  Vertx receivers;
  RecordingReceiver hook;
  RecordingReceiver slack;
  RunningVigil vigil;

  @BeforeEach
  void start() {
    receivers = Vertx.vertx();
    hook = RecordingReceiver.start(receivers);
    slack = RecordingReceiver.start(receivers);
    hook.answer(r -> RecordingReceiver.Answer.of(503, "down for maintenance"));
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, stats_interval_ms: 200}
        breakers: {window_size: 4, minimum_calls: 2, failure_rate_percent: 50, open_ms: 1000, half_open_calls: 1}
        notifications:
          max_attempts: 100
          retry: {base: 100ms, factor: 2, max: 400ms}
          poll: 100ms
          channels:
            ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
            ops-slack: {type: slack, webhook_url_env: VIGIL_TEST_SLACK_URL}
        alarms:
          routes: {warning: [ops-hook], critical: [ops-hook, ops-slack]}
          rules:
            queue-backup: {for: 0s, clear_for: 0s}
            processing-timeout: {enabled: false}
        """, Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"), "VIGIL_TEST_HOOK_KEY", "whsec-down-test-0123456789",
        "VIGIL_TEST_SLACK_URL", slack.url("/services/T1/B1/XXXXXXXX")));
  }

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    result(receivers.close());
  }

  private String breaker() {
    return vigil.get("/api/breakers").json().getJsonArray("breakers").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("name").equals("notify:ops-hook")).map(b -> b.getString("state")).findFirst()
        .orElse("none");
  }

  private List<String> slackTexts() {
    return slack.requests().stream().map(r -> r.json().getString("text")).toList();
  }

  @Test
  void theOutboxRetriesTheBreakerOpensTheOtherChannelHearsOfItAndNothingIsLostWhenTheReceiverReturns() {
    Backlog.of(vigil, 101);

    Eventually.await("the hook's breaker opens", Duration.ofSeconds(15), this::breaker, "open"::equals);
    Eventually.await("the failing channel's alarm reaches Slack", Duration.ofSeconds(15), this::slackTexts,
        texts -> texts.stream().anyMatch(t -> t.contains("[FIRING]") && t.contains("notify-channel-failing")));
    JsonObject waiting = vigil.get("/api/notifications?channel=ops-hook&status=failed").json()
        .getJsonArray("notifications").getJsonObject(0);
    assertThat(waiting.getInteger("attempts")).isGreaterThanOrEqualTo(2);
    assertThat(waiting.getString("last_error")).contains("503");
    int attempts = hook.requests().size();
    assertThat(attempts).isGreaterThanOrEqualTo(2);

    hook.answer(r -> RecordingReceiver.Answer.of(200, "ok"));

    Eventually.await("the waiting message is delivered", Duration.ofSeconds(15),
        () -> vigil.get("/api/notifications?channel=ops-hook&status=sent").json().getJsonArray("notifications")
            .size() >= 1);
    Eventually.await("the channel alarm resolves on Slack", Duration.ofSeconds(15), this::slackTexts,
        texts -> texts.stream().anyMatch(t -> t.contains("[RESOLVED]") && t.contains("notify-channel-failing")));
    List<String> ids = hook.requests().stream().map(r -> r.headers().get("X-Vigil-Notification-Id")).distinct().toList();
    String backlogMessage = hook.requests().get(0).headers().get("X-Vigil-Notification-Id");
    assertThat(hook.requests().stream().filter(r -> r.headers().get("X-Vigil-Notification-Id").equals(backlogMessage)))
        .as("every attempt of the backlog message carried its one id").hasSizeGreaterThan(attempts - 1);
    assertThat(ids).contains(backlogMessage);
    assertThat(vigil.get("/api/notifications?status=dead").json().getJsonArray("notifications")).isEmpty();
    assertThat(hook.requests().stream().filter(r -> r.json().getJsonArray("alerts").getJsonObject(0)
        .getJsonObject("labels").getString("alertname").equals("queue-backup"))
        .map(r -> r.headers().get("X-Vigil-Notification-Id")).distinct()).as("one backlog message, not two")
        .hasSize(1);
  }
}
