package io.vigil.notify;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a local HTTP server that answers like the Bot API, set as the channel's API base URL. */
class TelegramChannelTest extends ChannelContract {
  static final String TOKEN = "123456789:AAHk3vIgIlSeCrEtT0kEn-x_yZ0123456789";
  static final String CHAT = "-1001234567890";
  static final String OK = "{\"ok\":true,\"result\":{\"message_id\":42}}";

  RecordingReceiver botApi;

  @BeforeEach
  void startBotApi() {
    botApi = RecordingReceiver.start(vertx);
    botApi.answer(r -> RecordingReceiver.Answer.of(200, OK));
  }

  @AfterEach
  void stopBotApi() {
    botApi.close();
  }

  TelegramChannel channel(String base, Duration timeout) {
    return new TelegramChannel(vertx, new TelegramConfig("ops-telegram", Secret.of("env TELEGRAM_TOKEN", TOKEN), CHAT,
        base, null, timeout), clock);
  }

  @Override
  protected Channel channelToReceiver() {
    return channel(botApi.url(""), null);
  }

  @Override
  protected Channel channelToReceiverThatIsDown() {
    return channel("http://127.0.0.1:" + SilentServer.closedPort(), null);
  }

  @Override
  protected Channel channelTheReceiverRefuses() {
    botApi.answer(r -> RecordingReceiver.Answer.of(400,
        "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
    return channelToReceiver();
  }

  @Override
  protected Channel channelToSilentReceiver(Duration timeout) {
    return channel("http://127.0.0.1:" + SilentServer.start(vertx).port(), timeout);
  }

  @Override
  protected void assertReceivedFiring(Notification n) {
    JsonObject body = sendMessage(0);
    assertThat(body.getString("parse_mode")).isEqualTo("HTML");
    assertThat(body.getString("text"))
        .startsWith("🔴 <b>[FIRING] QueueBacklog</b> · critical\nQueue jobs has 153 waiting tasks\n")
        .contains("Value: <code>153</code>")
        .contains("Labels: case=" + n.first().labels().get("case") + ", queue=jobs")
        .contains("Suggested action: Add workers")
        .contains("Open in Vigil: " + n.first().generatorUrl());
  }

  @Override
  protected void assertReceivedResolve(Notification firing, Notification resolve) {
    assertThat(botApi.requests()).hasSize(2);
    assertThat(sendMessage(1).getString("text")).startsWith("✅ <b>[RESOLVED] QueueBacklog</b>");
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN, "AAHk3vIgIlSeCrEtT0kEn-x_yZ0123456789");
  }

  JsonObject sendMessage(int index) {
    RecordingReceiver.Request r = botApi.requests().get(index);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    JsonObject body = r.json();
    assertThat(body.getString("chat_id")).isEqualTo(CHAT);
    return body;
  }

  @Test
  void aFloodedBotIsRetriedAfterTelegramsRetryAfter() {
    botApi.answer(r -> RecordingReceiver.Answer.of(429, "{\"ok\":false,\"error_code\":429,"
        + "\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}"));

    Delivery d = deliver(channelToReceiver(), Samples.firing(clock.instant()));

    assertThat(d.outcome()).isEqualTo(Delivery.Outcome.RETRY_AFTER);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(d.statusCode()).isEqualTo(429);
    assertThat(d.reason()).contains("Too Many Requests");
  }

  @Test
  void aRevokedTokenIsPermanentAndTheReasonHidesIt() {
    botApi.answer(r -> RecordingReceiver.Answer.of(401,
        "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));

    Delivery d = deliver(channelToReceiver(), Samples.firing(clock.instant()));

    assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED_PERMANENT);
    assertThat(d.reason()).contains("Unauthorized");
  }

  @Test
  void valuesAreHtmlEscapedSoTelegramCanParseTheMessage() {
    deliver(channelToReceiver(), Samples.firing(clock.instant()));

    String text = sendMessage(0).getString("text");
    assertThat(text).contains("<i>More than 100 tasks wait in queue jobs &amp; the backlog &lt;b&gt;grows&lt;/b&gt;</i>");
    assertThat(text).contains("Runbook: https://runbooks.example.com/queue-backlog?queue=jobs&amp;from=vigil");
  }

  @Test
  void aHugeDescriptionIsShortenedToFitTelegramsLimitWithTagsIntact() {
    var now = clock.instant();
    var alert = io.vigil.domain.notify.Alert.builder("QueueBacklog", io.vigil.domain.Severity.WARNING)
        .summary("s").description("<x>".repeat(3_000)).startsAt(now).fingerprint("fp-huge").build();

    deliver(channelToReceiver(), Samples.group(io.vigil.domain.notify.NotificationKind.FIRING, "n-huge",
        List.of(alert), now));

    String text = sendMessage(0).getString("text");
    assertThat(text.length()).isLessThanOrEqualTo(4_096);
    assertThat(text).contains("<i>&lt;x&gt;").contains("…</i>");
  }
}
