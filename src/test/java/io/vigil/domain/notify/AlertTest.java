package io.vigil.domain.notify;

import io.vigil.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void anAlertNeedsAnAlertnameAValidSeverityAndAFingerprint() {
    assertThatThrownBy(() -> new Alert(NotificationStatus.FIRING, Map.of("severity", "critical"), Map.of(), T0, null,
        "fp", "", null, null)).hasMessageContaining("alertname");
    assertThatThrownBy(() -> new Alert(NotificationStatus.FIRING, Map.of("alertname", "X", "severity", "page"), Map.of(),
        T0, null, "fp", "", null, null)).hasMessageContaining("severity (info, warning or critical), got page");
    assertThatThrownBy(() -> Alert.builder("X", Severity.INFO).startsAt(T0).build()).hasMessageContaining("fingerprint");
  }

  @Test
  void labelAndAnnotationNamesAreOnesAlertmanagerAccepts() {
    assertThatThrownBy(() -> Alert.builder("X", Severity.INFO).label("queue-name", "a").startsAt(T0).fingerprint("fp")
        .build()).hasMessageContaining("label name 'queue-name'");
    assertThatThrownBy(() -> Alert.builder("X", Severity.INFO).annotation("runbook url", "a").startsAt(T0)
        .fingerprint("fp").build()).hasMessageContaining("annotation name 'runbook url'");
  }

  @Test
  void aResolvedAlertEndsAndAFiringOneDoesNot() {
    Alert firing = Alert.builder("X", Severity.INFO).startsAt(T0).fingerprint("fp").build();

    Alert resolved = firing.resolvedAt(T0.plusSeconds(60));

    assertThat(firing.endsAt()).isNull();
    assertThat(resolved.status()).isEqualTo(NotificationStatus.RESOLVED);
    assertThat(resolved.endsAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
    assertThatThrownBy(() -> firing.resolvedAt(T0.minusSeconds(1))).hasMessageContaining("before startsAt");
    assertThatThrownBy(() -> new Alert(NotificationStatus.RESOLVED, firing.labels(), Map.of(), T0, null, "fp", "", null,
        null)).hasMessageContaining("needs endsAt");
  }

  @Test
  void emptyAnnotationsAreLeftOut() {
    Alert a = Alert.builder("X", Severity.INFO).summary("s").description("").runbookUrl(null).startsAt(T0)
        .fingerprint("fp").build();

    assertThat(a.annotations()).containsOnlyKeys("summary");
    assertThat(a.annotation("description")).isEmpty();
  }
}
