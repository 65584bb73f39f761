package io.vigil.domain.notify;

import io.vigil.domain.Severity;
import io.vigil.domain.SystemMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SystemNotificationsTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final String BASE = "http://vigil:8080";

  @Test
  void aSwitchAwayFromTheQueueFiresLikeACriticalAlarmAndTheSwitchBackResolvesIt() {
    Notification away = SystemNotifications.modeChanged("m1", SystemMode.ASYNC_QUEUE, SystemMode.SYNC_DIRECT, true,
        "Redis lost: connection refused", null, "node-1", BASE, T0);
    Notification back = SystemNotifications.modeChanged("m2", SystemMode.SYNC_DIRECT, SystemMode.ASYNC_QUEUE, true,
        "Redis answers again", T0, "node-1", BASE, T0.plusSeconds(90));

    assertThat(away.kind()).isEqualTo(NotificationKind.MODE_CHANGE);
    assertThat(away.status()).isEqualTo(NotificationStatus.FIRING);
    assertThat(away.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(away.first().summary())
        .isEqualTo("Vigil node node-1 switched from async_queue to sync_direct automatically");
    assertThat(away.first().annotation(Alert.SUGGESTED_ACTION)).contains("check Redis");
    assertThat(back.status()).isEqualTo(NotificationStatus.RESOLVED);
    assertThat(back.first().fingerprint()).isEqualTo(away.first().fingerprint());
    assertThat(back.first().labels()).isEqualTo(away.first().labels());
    assertThat(back.first().startsAt()).isEqualTo(T0);
    assertThat(back.first().endsAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(back.groupKey()).isEqualTo(away.groupKey());
  }

  @Test
  void theEmergencyStopAndItsResumePairUpAsFiringAndResolved() {
    Notification stop = SystemNotifications.emergencyStopped("s1", "al-9", "Rule store_corruption (stop: true) fired",
        "node-2", BASE, T0);
    Notification resume = SystemNotifications.resumed("s2", "al-9", "disk replaced", T0, "node-1", BASE,
        T0.plusSeconds(600));

    assertThat(stop.kind()).isEqualTo(NotificationKind.EMERGENCY_STOP);
    assertThat(stop.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(stop.first().alarmId()).isEqualTo("al-9");
    assertThat(stop.first().generatorUrl()).isEqualTo(BASE + "/api/alarms/al-9");
    assertThat(stop.first().annotation(Alert.SUGGESTED_ACTION)).contains("POST /api/system/resume");
    assertThat(resume.kind()).isEqualTo(NotificationKind.RESOLVED);
    assertThat(resume.first().fingerprint()).isEqualTo(stop.first().fingerprint());
    assertThat(resume.first().labels()).isEqualTo(stop.first().labels());
    assertThat(resume.first().annotation(Alert.DESCRIPTION)).isEqualTo("Resumed: disk replaced");
  }

  @Test
  void aTestMessageIsInformationalAndNamesItsChannel() {
    Notification test = SystemNotifications.test("t1", "ops-slack", "node-1", "", T0);

    assertThat(test.kind()).isEqualTo(NotificationKind.TEST);
    assertThat(test.severity()).isEqualTo(Severity.INFO);
    assertThat(test.first().labels()).containsEntry("channel", "ops-slack");
    assertThat(test.first().generatorUrl()).isEmpty();
  }
}
