package io.vigil.domain.notify;

import io.vigil.domain.Severity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a channel receives: one message about a group of alerts (one or more alarms of a rule, or a system event),
 * shaped like an Alertmanager webhook group so every channel can render it and the webhook channel can send it as
 * is. The group's status is derived: firing while any alert in it fires.
 *
 * @param id          unique per message; receivers may drop a repeated id (a retried delivery)
 * @param groupKey    stable for the group across messages (firing, reminders, resolve)
 * @param groupLabels the labels the alerts were grouped by (usually {@code alertname})
 * @param node        the Vigil node that sends it
 * @param externalUrl Vigil's base URL for links; empty when unknown
 * @param createdAt   when the message was decided
 */
public record Notification(
    String id,
    NotificationKind kind,
    String groupKey,
    Map<String, String> groupLabels,
    List<Alert> alerts,
    String node,
    String externalUrl,
    Instant createdAt) {

  public Notification {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("a notification needs an id");
    Objects.requireNonNull(kind, "kind");
    if (groupKey == null || groupKey.isBlank()) throw new IllegalArgumentException("a notification needs a groupKey");
    groupLabels = Collections.unmodifiableMap(new TreeMap<>(groupLabels == null ? Map.of() : groupLabels));
    alerts = List.copyOf(alerts == null ? List.of() : alerts);
    if (alerts.isEmpty()) throw new IllegalArgumentException("a notification carries at least one alert");
    node = node == null ? "" : node;
    externalUrl = externalUrl == null ? "" : externalUrl;
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
    NotificationStatus status = statusOf(alerts);
    if (!kind.allows(status)) {
      throw new IllegalArgumentException("a " + kind.wireName() + " notification cannot be " + status.wireName());
    }
  }

  /** Firing while any alert fires, resolved when all have (Alertmanager's rule). */
  public NotificationStatus status() {
    return statusOf(alerts);
  }

  /** The highest severity among the alerts. */
  public Severity severity() {
    return alerts.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElseThrow();
  }

  public Alert first() {
    return alerts.get(0);
  }

  /** The labels every alert has with the same value. */
  public Map<String, String> commonLabels() {
    return common(Alert::labels);
  }

  /** The annotations every alert has with the same value. */
  public Map<String, String> commonAnnotations() {
    return common(Alert::annotations);
  }

  private Map<String, String> common(Function<Alert, Map<String, String>> of) {
    TreeMap<String, String> out = new TreeMap<>(of.apply(alerts.get(0)));
    for (Alert a : alerts.subList(1, alerts.size())) {
      out.entrySet().removeIf(e -> !e.getValue().equals(of.apply(a).get(e.getKey())));
    }
    return Collections.unmodifiableMap(out);
  }

  private static NotificationStatus statusOf(List<Alert> alerts) {
    return alerts.stream().anyMatch(Alert::firing) ? NotificationStatus.FIRING : NotificationStatus.RESOLVED;
  }
}
