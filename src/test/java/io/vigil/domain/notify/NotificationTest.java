package io.vigil.domain.notify;

import io.vigil.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

  static Alert alert(String queue, Severity severity) {
    return Alert.builder("QueueBacklog", severity).label("queue", queue).summary("Queue " + queue + " backs up")
        .annotation("runbook_url", "https://runbooks/q").startsAt(T0).fingerprint("fp-" + queue).build();
  }

  static Notification of(NotificationKind kind, List<Alert> alerts) {
    return new Notification("n1", kind, "QueueBacklog", Map.of("alertname", "QueueBacklog"), alerts, "node-1",
        "http://vigil:8080", T0);
  }

  @Test
  void aGroupFiresWhileAnyAlertFiresAndResolvesWhenAllHave() {
    Alert a = alert("a", Severity.WARNING);
    Alert b = alert("b", Severity.WARNING);

    assertThat(of(NotificationKind.FIRING, List.of(a, b.resolvedAt(T0))).status()).isEqualTo(NotificationStatus.FIRING);
    assertThat(of(NotificationKind.RESOLVED, List.of(a.resolvedAt(T0), b.resolvedAt(T0))).status())
        .isEqualTo(NotificationStatus.RESOLVED);
  }

  @Test
  void theKindMustAgreeWithTheStatus() {
    Alert firing = alert("a", Severity.CRITICAL);

    assertThatThrownBy(() -> of(NotificationKind.RESOLVED, List.of(firing)))
        .hasMessage("a resolved notification cannot be firing");
    assertThatThrownBy(() -> of(NotificationKind.REMINDER, List.of(firing.resolvedAt(T0))))
        .hasMessage("a reminder notification cannot be resolved");
    assertThat(of(NotificationKind.MODE_CHANGE, List.of(firing.resolvedAt(T0))).status())
        .isEqualTo(NotificationStatus.RESOLVED);
  }

  @Test
  void theSeverityIsTheHighestOfItsAlerts() {
    assertThat(of(NotificationKind.FIRING, List.of(alert("a", Severity.INFO), alert("b", Severity.CRITICAL),
        alert("c", Severity.WARNING))).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void commonLabelsAndAnnotationsAreThoseEveryAlertShares() {
    Notification n = of(NotificationKind.FIRING, List.of(alert("a", Severity.WARNING), alert("b", Severity.WARNING)));

    assertThat(n.commonLabels()).containsOnly(Map.entry("alertname", "QueueBacklog"), Map.entry("severity", "warning"));
    assertThat(n.commonAnnotations()).containsOnly(Map.entry("runbook_url", "https://runbooks/q"));
  }

  @Test
  void aNotificationCarriesAtLeastOneAlertAndAnIdAndAGroupKey() {
    assertThatThrownBy(() -> of(NotificationKind.FIRING, List.of())).hasMessageContaining("at least one alert");
    assertThatThrownBy(() -> new Notification(" ", NotificationKind.FIRING, "g", Map.of(), List.of(alert("a",
        Severity.INFO)), "n", "", T0)).hasMessageContaining("id");
    assertThatThrownBy(() -> new Notification("n1", NotificationKind.FIRING, "", Map.of(), List.of(alert("a",
        Severity.INFO)), "n", "", T0)).hasMessageContaining("groupKey");
  }

  @Test
  void timesAreKeptToTheMillisecond() {
    Notification n = of(NotificationKind.FIRING, List.of(alert("a", Severity.INFO)));

    assertThat(n.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123Z"));
    assertThat(n.first().startsAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123Z"));
  }
}
