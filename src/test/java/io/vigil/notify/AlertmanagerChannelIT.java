package io.vigil.notify;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import io.vigil.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real Alertmanager (Debian's {@code prometheus-alertmanager}): it must list what Vigil posts, hold it
 * as long as Vigil says, and see it resolved — proven by Alertmanager's own webhook, which it sends with
 * {@code send_resolved} to a recorder here.
 */
class AlertmanagerChannelIT extends ChannelContract {
  static final Duration WAIT = Duration.ofSeconds(20);

  static Vertx recorderVertx;
  static RecordingReceiver amWebhooks;
  static AlertmanagerProcess am;

  @BeforeAll
  static void startAlertmanager() throws Exception {
    recorderVertx = Vertx.vertx();
    amWebhooks = RecordingReceiver.start(recorderVertx);
    am = AlertmanagerProcess.start(amWebhooks.url("/alertmanager-webhook"));
  }

  @AfterAll
  static void stopAlertmanager() throws Exception {
    if (am != null) am.close();
    if (amWebhooks != null) amWebhooks.close();
    if (recorderVertx != null) result(recorderVertx.close());
  }

  AlertmanagerChannel channel(String url, Duration timeout) {
    return new AlertmanagerChannel(vertx, new AlertmanagerConfig("ops-alertmanager", url, null, timeout), clock);
  }

  @Override
  protected Channel channelToReceiver() {
    return channel(am.url(), null);
  }

  @Override
  protected Channel channelToReceiverThatIsDown() {
    return channel("http://127.0.0.1:" + SilentServer.closedPort(), null);
  }

  /** A wrong route prefix: Alertmanager answers 404. */
  @Override
  protected Channel channelTheReceiverRefuses() {
    return channel(am.url() + "/no-such-prefix", null);
  }

  @Override
  protected Channel channelToSilentReceiver(Duration timeout) {
    return channel("http://127.0.0.1:" + SilentServer.start(vertx).port(), timeout);
  }

  @Override
  protected void assertReceivedFiring(Notification n) {
    Alert sent = n.first();
    JsonObject listed = Eventually.await("Alertmanager lists the alert", WAIT, () -> listed(sent), Optional::isPresent)
        .orElseThrow();
    assertThat(listed.getJsonObject("labels").getMap()).isEqualTo(new java.util.HashMap<>(sent.labels()));
    assertThat(listed.getJsonObject("status").getString("state")).isEqualTo("active");
    assertThat(listed.getJsonObject("annotations").getMap())
        .containsEntry("summary", sent.summary())
        .containsEntry("vigil_fingerprint", sent.fingerprint())
        .containsEntry("vigil_alarm_id", sent.alarmId())
        .containsEntry("vigil_value", "153");
    assertThat(Instant.parse(listed.getString("startsAt"))).isEqualTo(sent.startsAt());
    assertThat(listed.getString("generatorURL")).isEqualTo(sent.generatorUrl());
    JsonObject notified = amNotified(sent, "firing");
    assertThat(notified.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("queue"))
        .isEqualTo("jobs");
  }

  @Override
  protected void assertReceivedResolve(Notification firing, Notification resolve) {
    Alert alert = firing.first();
    Eventually.await("Alertmanager no longer lists the alert as active", WAIT, () -> listed(alert),
        Optional::isEmpty);
    JsonObject resolved = amNotified(alert, "resolved");
    JsonObject a = resolved.getJsonArray("alerts").getJsonObject(0);
    assertThat(a.getString("status")).isEqualTo("resolved");
    assertThat(Instant.parse(a.getString("endsAt"))).isEqualTo(resolve.first().endsAt());
  }

  @Override
  protected List<String> secrets() {
    return List.of();
  }

  @Test
  void aFiringAlertHoldsForFourResendIntervalsSoAlertmanagerDropsItIfVigilFallsSilent() {
    Notification firing = Samples.firing(clock.instant());

    assertThat(deliver(channelToReceiver(), firing).isDelivered()).isTrue();

    JsonObject listed = Eventually.await("listed", WAIT, () -> listed(firing.first()), Optional::isPresent).orElseThrow();
    assertThat(Instant.parse(listed.getString("endsAt")))
        .isEqualTo(clock.instant().plus(AlertmanagerConfig.DEFAULT_RESEND.multipliedBy(4)));
  }

  @Test
  void reSendingTheDueAlertsMovesTheirEndAhead() {
    AlertmanagerChannel channel = channel(am.url(), null);
    AlertmanagerResends resends = new AlertmanagerResends(clock, channel.config().resendInterval());
    Notification firing = Samples.firing(clock.instant());
    resends.accept(firing);
    assertThat(deliver(channel, firing).isDelivered()).isTrue();

    clock.advance(channel.config().resendInterval());
    List<Alert> due = resends.due();
    assertThat(due).containsExactly(firing.first());
    Delivery again = result(channel.post(due));
    resends.sent(due);

    assertThat(again.isDelivered()).isTrue();
    Instant expected = clock.instant().plus(channel.config().alertLifetime());
    Eventually.await("Alertmanager took the later end", WAIT,
        () -> listed(firing.first()).map(l -> Instant.parse(l.getString("endsAt"))),
        end -> end.isPresent() && end.get().equals(expected));
    assertThat(resends.due()).isEmpty();
  }

  @Test
  void theWebhookChannelsBodyCarriesEveryFieldOfAlertmanagersOwnWebhook() {
    Notification firing = Samples.firing(clock.instant());
    deliver(channelToReceiver(), firing);
    JsonObject theirs = amNotified(firing.first(), "firing");

    JsonObject ours = WebhookPayload.of(firing, "recorder", 0);

    assertThat(ours.fieldNames()).containsAll(theirs.fieldNames());
    for (String key : theirs.fieldNames()) {
      assertThat(type(ours.getValue(key))).as(key).isEqualTo(type(theirs.getValue(key)));
    }
    JsonObject theirAlert = theirs.getJsonArray("alerts").getJsonObject(0);
    JsonObject ourAlert = ours.getJsonArray("alerts").getJsonObject(0);
    assertThat(ourAlert.fieldNames()).containsAll(new TreeSet<>(theirAlert.fieldNames()));
    assertThat(ourAlert.getString("endsAt")).isEqualTo(theirAlert.getString("endsAt"));
    assertThat(ours.getString("status")).isEqualTo(theirs.getString("status"));
    assertThat(ours.getJsonObject("commonLabels")).isEqualTo(theirs.getJsonObject("commonLabels"));
  }

  private static String type(Object value) {
    return value == null ? "null" : value instanceof Number ? "number" : value.getClass().getSimpleName();
  }

  /** The alert as Alertmanager lists it among its active alerts, found by the test's {@code case} label. */
  static Optional<JsonObject> listed(Alert alert) {
    try {
      String filter = URLEncoder.encode("case=\"" + alert.labels().get("case") + "\"", StandardCharsets.UTF_8);
      var response = am.get("/api/v2/alerts?filter=" + filter);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonArray alerts = new JsonArray(response.body());
      assertThat(alerts.size()).isLessThanOrEqualTo(1);
      return alerts.isEmpty() ? Optional.empty() : Optional.of(alerts.getJsonObject(0));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Alertmanager's own webhook notification for the alert's case, with this status. */
  static JsonObject amNotified(Alert alert, String status) {
    String caseId = alert.labels().get("case");
    return Eventually.await("Alertmanager notifies " + status + " for case " + caseId, WAIT,
        () -> amWebhooks.requests().stream().map(RecordingReceiver.Request::json)
            .filter(b -> caseId.equals(b.getJsonObject("groupLabels").getString("case")))
            .filter(b -> status.equals(b.getString("status")))
            .findFirst(),
        Optional::isPresent).orElseThrow();
  }
}
