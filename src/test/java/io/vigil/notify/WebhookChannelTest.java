package io.vigil.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookChannelTest extends ChannelContract {
  static final String KEY = "whsec-7f3a9c2e4b1d8f6a0c5e";
  static final String PATH = "/hooks/vigil?token=Tk-19a8b7c6d5e4";

  RecordingReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = RecordingReceiver.start(vertx);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  WebhookChannel channel(String url, Duration timeout) {
    return new WebhookChannel(vertx, new WebhookConfig("ops-hook", Secret.of("env HOOK_URL", url),
        Secret.of("env HOOK_KEY", KEY), 0, timeout), clock);
  }

  @Override
  protected Channel channelToReceiver() {
    return channel(receiver.url(PATH), null);
  }

  @Override
  protected Channel channelToReceiverThatIsDown() {
    return channel("http://127.0.0.1:" + SilentServer.closedPort() + PATH, null);
  }

  @Override
  protected Channel channelTheReceiverRefuses() {
    receiver.answer(r -> RecordingReceiver.Answer.of(401, "bad signature"));
    return channelToReceiver();
  }

  @Override
  protected Channel channelToSilentReceiver(Duration timeout) {
    return channel("http://127.0.0.1:" + SilentServer.start(vertx).port() + PATH, timeout);
  }

  @Override
  protected void assertReceivedFiring(Notification n) {
    RecordingReceiver.Request r = verifiedPost(0);
    JsonObject body = r.json();
    assertThat(body.getString("version")).isEqualTo("4");
    assertThat(body.getString("status")).isEqualTo("firing");
    assertThat(body.getString("receiver")).isEqualTo("ops-hook");
    assertThat(body.getString("groupKey")).isEqualTo(n.groupKey());
    assertThat(body.getJsonObject("groupLabels").getMap()).containsEntry("alertname", "QueueBacklog");
    assertThat(body.getJsonObject("commonLabels").getMap())
        .containsEntry("alertname", "QueueBacklog").containsEntry("severity", "critical").containsEntry("queue", "jobs");
    assertThat(body.getJsonObject("commonAnnotations").getMap()).containsEntry("summary", "Queue jobs has 153 waiting tasks");
    assertThat(body.getString("externalURL")).isEqualTo(Samples.BASE);
    JsonObject alert = body.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("status")).isEqualTo("firing");
    assertThat(alert.getString("startsAt")).isEqualTo(Millis.format(n.first().startsAt()));
    assertThat(alert.getString("endsAt")).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.getString("fingerprint")).isEqualTo(n.first().fingerprint());
    assertThat(alert.getString("generatorURL")).isEqualTo(n.first().generatorUrl());
    assertThat(alert.getJsonObject("annotations").getMap())
        .containsKeys("summary", "description", "runbook_url", "suggested_action");
    assertThat(r.headers().get(WebhookSigner.ID_HEADER)).isEqualTo(n.id());
  }

  @Override
  protected void assertReceivedResolve(Notification firing, Notification resolve) {
    assertThat(receiver.requests()).hasSize(2);
    JsonObject body = verifiedPost(1).json();
    assertThat(body.getString("status")).isEqualTo("resolved");
    assertThat(body.getString("groupKey")).isEqualTo(firing.groupKey());
    JsonObject alert = body.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("status")).isEqualTo("resolved");
    assertThat(alert.getString("fingerprint")).isEqualTo(firing.first().fingerprint());
    assertThat(alert.getString("endsAt")).isEqualTo(Millis.format(resolve.first().endsAt()));
  }

  @Override
  protected List<String> secrets() {
    return List.of(KEY, "Tk-19a8b7c6d5e4");
  }

  /** The request's signature checks out exactly as the docs tell a receiver to check it. */
  RecordingReceiver.Request verifiedPost(int index) {
    RecordingReceiver.Request r = receiver.requests().get(index);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(verify(r.body().getBytes(), r.headers().get("X-Vigil-Timestamp"), r.headers().get("X-Vigil-Signature"),
        clock.instant().getEpochSecond())).as("signature verifies").isTrue();
    return r;
  }

  static boolean verify(byte[] body, String timestamp, String signature, long now) {
    try {
      return ReceiverSignatureCheck.verify(body, timestamp, signature, KEY.getBytes(StandardCharsets.UTF_8), now);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aChangedBodyAWrongKeyOrAnOldTimestampFailTheCheck() throws GeneralSecurityException {
    deliver(channelToReceiver(), Samples.firing(clock.instant()));
    RecordingReceiver.Request r = receiver.requests().get(0);
    String ts = r.headers().get("X-Vigil-Timestamp");
    String sig = r.headers().get("X-Vigil-Signature");
    long now = clock.instant().getEpochSecond();
    byte[] body = r.body().getBytes();

    assertThat(sig).matches("sha256=[0-9a-f]{64}");
    assertThat(ts).isEqualTo(Long.toString(now));
    assertThat(verify(body, ts, sig, now)).isTrue();
    byte[] tampered = r.body().toString().replace("critical", "info").getBytes(StandardCharsets.UTF_8);
    assertThat(verify(tampered, ts, sig, now)).as("changed body").isFalse();
    assertThat(verify(body, Long.toString(now - 1), sig, now)).as("timestamp swapped").isFalse();
    assertThat(verify(body, ts, sig, now + 301)).as("replayed after five minutes").isFalse();
    assertThat(ReceiverSignatureCheck.verify(body, ts, sig, "another-key-0123456".getBytes(StandardCharsets.UTF_8), now))
        .as("wrong key").isFalse();
  }

  @Test
  void aTimeoutFromTheReceiverIsRetryableButOtherClientErrorsAreNot() {
    receiver.answer(r -> RecordingReceiver.Answer.of(408, "request timeout"));
    assertThat(deliver(channelToReceiver(), Samples.firing(clock.instant())).outcome())
        .isEqualTo(Delivery.Outcome.FAILED_RETRYABLE);

    receiver.answer(r -> RecordingReceiver.Answer.of(422, "unprocessable"));
    assertThat(deliver(channelToReceiver(), Samples.firing(clock.instant())).outcome())
        .isEqualTo(Delivery.Outcome.FAILED_PERMANENT);
  }

  @Test
  void maxAlertsCapsTheBodyAndCountsTheRest() {
    var now = clock.instant();
    var alerts = List.of(Samples.backlog("a", now), Samples.backlog("b", now), Samples.backlog("c", now));
    WebhookChannel capped = new WebhookChannel(vertx, new WebhookConfig("ops-hook", Secret.of("env HOOK_URL",
        receiver.url(PATH)), Secret.of("env HOOK_KEY", KEY), 2, null), clock);

    deliver(capped, Samples.group(io.vigil.domain.notify.NotificationKind.FIRING, "n-3", alerts, now));

    JsonObject body = receiver.requests().get(0).json();
    JsonArray sent = body.getJsonArray("alerts");
    assertThat(sent).hasSize(2);
    assertThat(body.getInteger("truncatedAlerts")).isEqualTo(1);
    assertThat(body.getJsonObject("commonLabels").getMap()).doesNotContainKey("case").containsEntry("queue", "jobs");
  }
}
