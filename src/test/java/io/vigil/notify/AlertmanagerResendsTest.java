package io.vigil.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The re-send contract on a driven clock. */
class AlertmanagerResendsTest {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  final MutableClock clock = MutableClock.startingAt("2026-01-01T10:00:00Z");
  final AlertmanagerResends resends = new AlertmanagerResends(clock, INTERVAL);

  @Test
  void aFiringAlertFallsDueOneIntervalAfterItWasSent() {
    Notification firing = Samples.firing(clock.instant());
    resends.accept(firing);

    clock.advance(INTERVAL.minusMillis(1));
    assertThat(resends.due()).isEmpty();
    assertThat(resends.nextDue()).contains(Instant.parse("2026-01-01T10:01:00Z"));

    clock.advanceMillis(1);
    assertThat(resends.due()).containsExactly(firing.first());
  }

  @Test
  void sendingItAgainPutsItOffByAnotherInterval() {
    Notification firing = Samples.firing(clock.instant());
    resends.accept(firing);
    clock.advance(INTERVAL);

    resends.sent(resends.due());

    assertThat(resends.due()).isEmpty();
    assertThat(resends.nextDue()).contains(clock.instant().plus(INTERVAL));
  }

  @Test
  void aFailedResendStaysDue() {
    resends.accept(Samples.firing(clock.instant()));
    clock.advance(INTERVAL.multipliedBy(3));

    assertThat(resends.due()).hasSize(1);
    clock.advance(INTERVAL);
    assertThat(resends.due()).hasSize(1);
  }

  @Test
  void aResolveStopsTheResendsAtOnceEvenBeforeItIsDelivered() {
    Notification firing = Samples.firing(clock.instant());
    resends.accept(firing);
    clock.advance(INTERVAL);
    List<Alert> due = resends.due();

    resends.accept(Samples.resolve(firing, clock.instant()));
    resends.sent(due);

    assertThat(resends.due()).isEmpty();
    assertThat(resends.firingCount()).isZero();
    assertThat(resends.nextDue()).isEmpty();
  }

  @Test
  void theLatestVersionOfAnAlertIsTheOneResent() {
    Notification firing = Samples.firing("c1", clock.instant());
    resends.accept(firing);
    Alert updated = Alert.builder("QueueBacklog", io.vigil.domain.Severity.CRITICAL)
        .labels(firing.first().labels()).summary("Queue jobs has 900 waiting tasks").startsAt(firing.first().startsAt())
        .fingerprint(firing.first().fingerprint()).build();
    resends.accept(Samples.group(io.vigil.domain.notify.NotificationKind.REMINDER, "n-r", List.of(updated),
        clock.instant()));
    clock.advance(INTERVAL);

    assertThat(resends.due()).containsExactly(updated);
  }

  @Test
  void postedFiringAlertsHoldForTheLifetimeAndResolvedOnesEndWhenTheyEnded() {
    Instant now = clock.instant();
    Alert firing = Samples.backlog("c1", now.minusSeconds(30));
    Alert resolved = Samples.backlog("c2", now.minusSeconds(90)).resolvedAt(now.minusSeconds(10));

    JsonArray body = AlertmanagerAlerts.of(List.of(firing, resolved), now, Duration.ofMinutes(4));

    JsonObject first = body.getJsonObject(0);
    assertThat(first.getString("startsAt")).isEqualTo("2026-01-01T09:59:30.000Z");
    assertThat(first.getString("endsAt")).isEqualTo("2026-01-01T10:04:00.000Z");
    assertThat(first.getJsonObject("labels").getString("alertname")).isEqualTo("QueueBacklog");
    assertThat(first.getJsonObject("annotations").getString("vigil_fingerprint")).isEqualTo("fp-c1");
    assertThat(first.getString("generatorURL")).isEqualTo(firing.generatorUrl());
    assertThat(body.getJsonObject(1).getString("endsAt")).isEqualTo("2026-01-01T09:59:50.000Z");
  }
}
