package io.vigil.notify;

import io.vigil.domain.Severity;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.NotificationKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Notifications as the alarm engine's intents will produce them; each carries a fresh {@code case} label. */
final class Samples {
  static final String BASE = "http://vigil.example:8080";

  private Samples() {}

  static String newCase() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static Alert backlog(String caseId, Instant at) {
    return Alert.builder("QueueBacklog", Severity.CRITICAL)
        .label("queue", "jobs")
        .label("case", caseId)
        .summary("Queue jobs has 153 waiting tasks")
        .description("More than 100 tasks wait in queue jobs & the backlog <b>grows</b>")
        .runbookUrl("https://runbooks.example.com/queue-backlog?queue=jobs&from=vigil")
        .suggestedAction("Add workers or check that the consumer runs")
        .startsAt(at)
        .fingerprint("fp-" + caseId)
        .generatorUrl(BASE + "/api/alarms/al-" + caseId)
        .alarmId("al-" + caseId)
        .value("153")
        .build();
  }

  static Notification firing(Instant at) {
    return firing(newCase(), at);
  }

  static Notification firing(String caseId, Instant at) {
    return group(NotificationKind.FIRING, "n-" + caseId + "-1", List.of(backlog(caseId, at)), at);
  }

  /** The resolve of {@code firing}, every alert ended at {@code at}. */
  static Notification resolve(Notification firing, Instant at) {
    List<Alert> ended = firing.alerts().stream().map(a -> a.resolvedAt(at)).toList();
    return group(NotificationKind.RESOLVED, firing.id().replace("-1", "-2"), ended, at);
  }

  static Notification group(NotificationKind kind, String id, List<Alert> alerts, Instant at) {
    return new Notification(id, kind, "{}:{alertname=\"QueueBacklog\"}", Map.of("alertname", "QueueBacklog"), alerts,
        "node-1", BASE, at);
  }
}
