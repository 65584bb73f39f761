package io.vigil.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Backlog;
import io.vigil.testing.Eventually;
import io.vigil.testing.MutableClock;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.SseClient;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path on a real node: a real queue backs up past 100, the default backlog rule (made instant for the
 * test) fires, and each real receiver — a signed webhook, a Slack-shaped endpoint, a Telegram Bot API-shaped endpoint,
 * GreenMail over SMTP — gets one message; an acknowledgement stops the reminders; the backlog drains and each gets one
 * resolve. An alarm nobody acknowledges for a minute escalates to a second tier once. The node runs on a hand-moved
 * clock, so "an hour later" is a call, not a wait.
 */
@DisplayName("Alarms end to end on one node")
class AlarmNotificationsEndToEndTest {
  static final String HOOK_KEY = "whsec-e2e-7f3a9c2e4b1d8f6a0c5e";
  static final String SMTP_PASSWORD = "smtp-e2e-pa55-Wq8rT3yU";
  static final String BOT_TOKEN = "123456789:AAHe2eToKeN-x_yZ0123456789abcdefgh";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@example.com", "vigil", SMTP_PASSWORD))
      .withPerMethodLifecycle(true);

  Vertx receivers;
  RecordingReceiver hook;
  RecordingReceiver slack;
  RecordingReceiver telegram;
  RecordingReceiver tier2;
  MutableClock clock;
  RunningVigil vigil;

  @BeforeEach
  void start() {
    receivers = Vertx.vertx();
    hook = RecordingReceiver.start(receivers);
    slack = RecordingReceiver.start(receivers);
    telegram = RecordingReceiver.start(receivers);
    telegram.answer(r -> RecordingReceiver.Answer.of(200, "{\"ok\":true,\"result\":{\"message_id\":1}}"));
    tier2 = RecordingReceiver.start(receivers);
    clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, stats_interval_ms: 200}
        notifications:
          retry: {base: 100ms, max: 1s}
          channels:
            ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
            ops-slack: {type: slack, webhook_url_env: VIGIL_TEST_SLACK_URL}
            ops-telegram: {type: telegram, bot_token_env: VIGIL_TEST_BOT_TOKEN, chat_id: "-1001234567890",
                           api_base_url: "%s"}
            tier2: {type: webhook, url_env: VIGIL_TEST_TIER2_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
            ops-mail:
              type: email
              host: 127.0.0.1
              port: %d
              security: none
              username: vigil
              password_env: VIGIL_TEST_SMTP_PASSWORD
              from: vigil@example.com
              to: [oncall@example.com]
        alarms:
          routes:
            warning: [ops-hook, ops-slack, ops-telegram, ops-mail]
            critical: [ops-hook, ops-slack, ops-telegram, ops-mail]
          escalation:
            warning: [{after: 1m, channels: [tier2]}]      # not acknowledged a minute after firing
          rules:
            queue-backup: {for: 0s, clear_for: 0s, reminder: {initial: 10s, factor: 1, cap: 10s}}
            processing-timeout: {enabled: false}   # the test moves the clock an hour while tasks wait
        """.formatted(telegram.url(""), smtp.getSmtp().getPort()), Map.of(
        "VIGIL_TEST_HOOK_URL", hook.url("/hooks/vigil"),
        "VIGIL_TEST_HOOK_KEY", HOOK_KEY,
        "VIGIL_TEST_SLACK_URL", slack.url("/services/T000/B000/XXXXXXXX"),
        "VIGIL_TEST_BOT_TOKEN", BOT_TOKEN,
        "VIGIL_TEST_TIER2_URL", tier2.url("/hooks/tier2"),
        "VIGIL_TEST_SMTP_PASSWORD", SMTP_PASSWORD), clock);
  }

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    result(receivers.close());
  }

  private JsonObject firingAlarm() {
    return Eventually.await("the backlog alarm fires", Duration.ofSeconds(10),
        () -> vigil.get("/api/alarms?state=firing").json().getJsonArray("alarms"), a -> a.size() == 1)
        .getJsonObject(0);
  }

  private void awaitMessages(int each) {
    Eventually.await(each + " message(s) on every channel", Duration.ofSeconds(10),
        () -> hook.requests().size() + "/" + slack.requests().size() + "/" + telegram.requests().size() + "/"
            + smtp.getReceivedMessages().length,
        seen -> seen.equals(each + "/" + each + "/" + each + "/" + each));
  }

  @Test
  void aQueueBackedUpPastAHundredPagesEachChannelOnceAnAckStopsRemindersAndTheDrainSendsOneResolve()
      throws Exception {
    Backlog.of(vigil, 101);

    JsonObject alarm = firingAlarm();
    awaitMessages(1);
    assertThat(alarm.getString("rule")).isEqualTo("queue-backup");
    assertThat(alarm.getJsonObject("labels").getString("queue")).isEqualTo("default");
    assertThat(alarm.getString("next_reminder_at")).as("a reminder is planned while nobody acknowledged").isNotNull();

    RecordingReceiver.Request firing = hook.requests().get(0);
    assertThat(ReceiverSignatureCheck.verify(firing.body().getBytes(), firing.headers().get("X-Vigil-Timestamp"),
        firing.headers().get("X-Vigil-Signature"), HOOK_KEY.getBytes(StandardCharsets.UTF_8),
        clock.instant().getEpochSecond())).as("signed").isTrue();
    JsonObject body = firing.json();
    assertThat(body.getString("status")).isEqualTo("firing");
    assertThat(body.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("alertname"))
        .isEqualTo("queue-backup");
    assertThat(body.getJsonArray("alerts").getJsonObject(0).getJsonObject("vigil").getString("alarmId"))
        .isEqualTo(alarm.getString("id"));
    assertThat(slack.requests().get(0).json().getString("text")).contains("[FIRING]").contains("queue-backup");
    RecordingReceiver.Request botCall = telegram.requests().get(0);
    assertThat(botCall.path()).isEqualTo("/bot" + BOT_TOKEN + "/sendMessage");
    assertThat(botCall.json().getString("chat_id")).isEqualTo("-1001234567890");
    assertThat(botCall.json().getString("text")).contains("[FIRING]").contains("queue-backup");
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).contains("[FIRING]").contains("queue-backup");

    Response ack = vigil.post("/api/alarms/" + alarm.getString("id") + "/ack", new JsonObject().put("comment", "on it"));
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().getString("state")).isEqualTo("acknowledged");
    assertThat(ack.json().getString("next_reminder_at")).isNull();

    clock.advance(Duration.ofHours(1));
    Thread.sleep(2_500); // the engine looks at the time at least once a second: no reminder may come out of it
    assertThat(hook.requests()).hasSize(1);
    assertThat(slack.requests()).hasSize(1);
    assertThat(telegram.requests()).hasSize(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(tier2.requests()).as("no escalation once acknowledged").isEmpty();

    Backlog.drain(vigil);
    awaitMessages(2);
    Thread.sleep(1_000); // and nothing after the resolve
    assertThat(hook.requests()).hasSize(2);
    assertThat(slack.requests()).hasSize(2);
    assertThat(telegram.requests()).hasSize(2);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(hook.requests().get(1).json().getString("status")).isEqualTo("resolved");
    assertThat(slack.requests().get(1).json().getString("text")).contains("[RESOLVED]");
    assertThat(telegram.requests().get(1).json().getString("text")).contains("[RESOLVED]");
    assertThat(smtp.getReceivedMessages()[1].getSubject()).contains("[RESOLVED]");

    JsonObject view = vigil.get("/api/alarms/" + alarm.getString("id")).json();
    assertThat(view.getJsonObject("alarm").getString("state")).isEqualTo("resolved");
    assertThat(view.getJsonObject("alarm").getString("acknowledged_by")).isEqualTo("anonymous");
    List<JsonObject> timeline = view.getJsonArray("timeline").stream().map(JsonObject.class::cast).toList();
    assertThat(timeline).filteredOn(e -> e.getString("kind").equals("transition")).extracting(e -> e.getString("to"))
        .containsExactly("pending", "firing", "acknowledged", "resolved");
    assertThat(timeline).filteredOn(e -> e.getString("kind").equals("notification")
            && "sent".equals(e.getJsonObject("details").getString("result")))
        .extracting(e -> e.getJsonObject("details").getString("channel"))
        .containsExactlyInAnyOrder("ops-hook", "ops-slack", "ops-telegram", "ops-mail", "ops-hook", "ops-slack",
            "ops-telegram", "ops-mail");
    assertThat(vigil.get("/api/notifications?status=sent").json().getJsonArray("notifications")).hasSize(8);
  }

  @Test
  void anUnacknowledgedAlarmIsRemindedWhenItsTimeComesAndOnlyThen() throws Exception {
    Backlog.of(vigil, 101);
    firingAlarm();
    awaitMessages(1);

    clock.advance(Duration.ofSeconds(9));
    Thread.sleep(1_500); // the engine looks at the time at least once a second
    assertThat(hook.requests()).as("not before its 10 s").hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    awaitMessages(2);

    JsonObject reminder = hook.requests().get(1).json();
    assertThat(reminder.getJsonObject("vigil").getString("kind")).isEqualTo("reminder");
    assertThat(reminder.getString("status")).isEqualTo("firing");
    assertThat(slack.requests().get(1).json().getString("text")).contains("[REMINDER]");
  }

  @Test
  void anAlarmNobodyAcknowledgesForAMinuteEscalatesToTheNextTierOnceAndNotAgainAfterAnAck() throws Exception {
    Backlog.of(vigil, 101);
    JsonObject alarm = firingAlarm();
    awaitMessages(1);

    clock.advance(Duration.ofSeconds(59));
    Thread.sleep(1_500); // the engine looks at the time at least once a second
    assertThat(tier2.requests()).as("not before its minute").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    Eventually.await("the escalation", Duration.ofSeconds(10), () -> tier2.requests().size() == 1);

    JsonObject escalated = tier2.requests().get(0).json();
    assertThat(escalated.getString("status")).isEqualTo("firing");
    assertThat(escalated.getJsonObject("vigil").getString("kind")).isEqualTo("escalation");
    assertThat(escalated.getJsonArray("alerts").getJsonObject(0).getJsonObject("vigil").getString("alarmId"))
        .isEqualTo(alarm.getString("id"));
    assertThat(vigil.get("/api/alarms/" + alarm.getString("id")).json().getJsonObject("alarm")
        .getInteger("escalation_level")).isEqualTo(1);

    assertThat(vigil.post("/api/alarms/" + alarm.getString("id") + "/ack", new JsonObject()).status()).isEqualTo(200);
    clock.advance(Duration.ofHours(1));
    Thread.sleep(2_500); // a tick or two on the moved clock
    assertThat(tier2.requests()).as("one message, none after the ack").hasSize(1);
  }

  @Test
  void theFiringAlarmIsOnTheStreamAndInTheSnapshotAsItHappens() {
    try (SseClient stream = SseClient.connect(vigil.client(),
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigil.port() + "/api/events/stream")).build())) {
      JsonObject snapshot = new JsonObject(stream.nextNamed("snapshot").data());
      assertThat(snapshot.getJsonArray("alarms")).isEmpty();
      assertThat(snapshot.getJsonObject("notifications").getJsonArray("channels")).hasSize(5);

      Backlog.of(vigil, 101);

      JsonObject fired = new JsonObject(stream.nextNamed("alarm.firing").data());
      assertThat(fired.getJsonObject("details").getString("rule")).isEqualTo("queue-backup");
      assertThat(fired.getString("severity")).isEqualTo("warning");
      SseClient.Event sent = stream.next(e -> "notification.sent".equals(e.name()), Duration.ofSeconds(10));
      assertThat(new JsonObject(sent.data()).getJsonObject("details").getString("kind")).isEqualTo("firing");
    }
  }
}
