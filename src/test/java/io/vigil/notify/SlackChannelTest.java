package io.vigil.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlackChannelTest extends ChannelContract {
  /** Shaped like a real incoming-webhook path: the last segment is the credential. */
  static final String PATH = "/services/T0VIGIL01/B0VIGIL02/Xq9sEcReTt0kEn4sLaCk";

  RecordingReceiver slack;

  @BeforeEach
  void startSlack() {
    slack = RecordingReceiver.start(vertx);
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  SlackChannel channel(String url, Duration timeout) {
    return new SlackChannel(vertx, new SlackConfig("ops-slack", Secret.of("env SLACK_URL", url), null, null, timeout),
        clock);
  }

  @Override
  protected Channel channelToReceiver() {
    return channel(slack.url(PATH), null);
  }

  @Override
  protected Channel channelToReceiverThatIsDown() {
    return channel("http://127.0.0.1:" + SilentServer.closedPort() + PATH, null);
  }

  @Override
  protected Channel channelTheReceiverRefuses() {
    slack.answer(r -> RecordingReceiver.Answer.of(404, "no_service"));
    return channelToReceiver();
  }

  @Override
  protected Channel channelToSilentReceiver(Duration timeout) {
    SilentServer silent = SilentServer.start(vertx);
    return channel("http://127.0.0.1:" + silent.port() + PATH, timeout);
  }

  @Override
  protected void assertReceivedFiring(Notification n) {
    JsonObject body = onlyPost().json();
    assertThat(body.getString("text")).contains("[FIRING]", "critical", "QueueBacklog", "Queue jobs has 153 waiting tasks");
    JsonArray blocks = body.getJsonArray("blocks");
    assertThat(blocks.getJsonObject(0).getString("type")).isEqualTo("header");
    assertThat(blocks.getJsonObject(0).getJsonObject("text").getString("text")).isEqualTo("🔴 [FIRING] QueueBacklog");
    assertThat(blocks.encode())
        .contains("*Severity*\\ncritical")
        .contains("*Queue jobs has 153 waiting tasks*")
        .contains("*Value:* `153`")
        .contains("Add workers")
        .contains("queue=jobs")
        .contains("<" + Samples.BASE + "/api/alarms/al-")
        .contains("|Runbook>");
  }

  @Override
  protected void assertReceivedResolve(Notification firing, Notification resolve) {
    List<RecordingReceiver.Request> posts = slack.requests();
    assertThat(posts).hasSize(2);
    JsonObject body = posts.get(1).json();
    assertThat(body.getString("text")).startsWith("✅ [RESOLVED]");
    assertThat(body.getJsonArray("blocks").getJsonObject(0).getJsonObject("text").getString("text"))
        .isEqualTo("✅ [RESOLVED] QueueBacklog");
    assertThat(body.getJsonArray("blocks").encode()).contains("✅ resolved").contains("~Queue jobs has 153 waiting tasks~ *resolved*");
  }

  @Override
  protected List<String> secrets() {
    return List.of("Xq9sEcReTt0kEn4sLaCk");
  }

  RecordingReceiver.Request onlyPost() {
    assertThat(slack.requests()).hasSize(1);
    RecordingReceiver.Request r = slack.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo(PATH);
    assertThat(r.headers().get("Content-Type")).startsWith("application/json");
    return r;
  }

  @Test
  void aRateLimitedPostIsRetriedAfterWhatSlackAsks() {
    slack.answer(r -> new RecordingReceiver.Answer(429, Map.of("Retry-After", "12"), "rate_limited"));

    Delivery d = deliver(channelToReceiver(), Samples.firing(clock.instant()));

    assertThat(d.outcome()).isEqualTo(Delivery.Outcome.RETRY_AFTER);
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    assertThat(d.statusCode()).isEqualTo(429);
  }

  @Test
  void aSlackOutageIsRetryable() {
    slack.answer(r -> RecordingReceiver.Answer.of(503, "service unavailable"));

    assertThat(deliver(channelToReceiver(), Samples.firing(clock.instant())).outcome())
        .isEqualTo(Delivery.Outcome.FAILED_RETRYABLE);
  }

  @Test
  void valuesCannotInjectSlackMarkupButTheTemplatesTextStays() {
    deliver(channelToReceiver(), Samples.firing(clock.instant()));

    String blocks = slack.requests().get(0).json().getJsonArray("blocks").encode();
    assertThat(blocks).contains("&amp; the backlog &lt;b&gt;grows&lt;/b&gt;").doesNotContain("<b>grows");
    assertThat(blocks).contains("queue=jobs&amp;from=vigil|Runbook>");
  }

  @Test
  void theConfigPrintsWithoutItsUrl() {
    SlackConfig config = new SlackConfig("ops-slack", Secret.of("env SLACK_URL", slack.url(PATH)));

    assertThat(config.toString()).doesNotContain("Xq9sEcReTt0kEn4sLaCk").contains("env SLACK_URL");
  }
}
