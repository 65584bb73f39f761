package io.vigil.domain.notify;

import io.vigil.domain.Severity;
import io.vigil.domain.SystemMode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Notifications about the system itself, which are not alarms but reach people like critical ones (issue 16): a
 * mode switch, the emergency stop and its resume, and an operator's test message. Each has a fixed alertname and
 * fingerprint so its resolve pairs with its firing in every receiver (Alertmanager keys alerts by labels).
 */
public final class SystemNotifications {
  public static final String MODE_ALERT = "VigilSystemMode";
  public static final String STOP_ALERT = "VigilEmergencyStop";
  public static final String TEST_ALERT = "VigilTestNotification";

  private SystemNotifications() {}

  /**
   * A node switched mode. Any mode but {@code async_queue} fires; the switch back to {@code async_queue} resolves.
   *
   * @param automatic     whether the automatic fallback switched (else an operator did)
   * @param degradedSince when the node left {@code async_queue}; used as the start of the resolved alert
   */
  public static Notification modeChanged(String id, SystemMode from, SystemMode to, boolean automatic, String reason,
                                         Instant degradedSince, String node, String externalUrl, Instant at) {
    boolean back = to == SystemMode.ASYNC_QUEUE;
    String who = automatic ? "automatically" : "by an operator";
    Alert.Builder alert = Alert.builder(MODE_ALERT, Severity.CRITICAL)
        .label("node", node)
        .fingerprint("vigil:mode:" + node)
        .summary("Vigil node " + node + " switched from " + from.wireName() + " to " + to.wireName() + " " + who)
        .description(reason == null ? "" : reason)
        .suggestedAction(back ? "" : suggestionFor(to))
        .value(to.wireName())
        .generatorUrl(link(externalUrl, "/api/system/mode"));
    if (back) {
      alert.startsAt(degradedSince == null ? at : degradedSince).resolvedAt(at);
    } else {
      alert.startsAt(at);
    }
    return new Notification(id, NotificationKind.MODE_CHANGE, "vigil:mode:" + node, Map.of("alertname", MODE_ALERT),
        List.of(alert.build()), node, externalUrl, at);
  }

  /** A critical rule with {@code stop: true} tripped the kill switch on every node. */
  public static Notification emergencyStopped(String id, String alarmId, String reason, String node, String externalUrl,
                                              Instant at) {
    return new Notification(id, NotificationKind.EMERGENCY_STOP, "vigil:emergency-stop", Map.of("alertname", STOP_ALERT),
        List.of(stopAlert(alarmId, reason, externalUrl).startsAt(at).build()), node, externalUrl, at);
  }

  /** An admin resumed work after the emergency stop that began at {@code stoppedAt}. */
  public static Notification resumed(String id, String alarmId, String reason, Instant stoppedAt, String node,
                                     String externalUrl, Instant at) {
    Alert alert = stopAlert(alarmId, "Resumed: " + (reason == null ? "" : reason), externalUrl)
        .startsAt(stoppedAt).resolvedAt(at).build();
    return new Notification(id, NotificationKind.RESOLVED, "vigil:emergency-stop", Map.of("alertname", STOP_ALERT),
        List.of(alert), node, externalUrl, at);
  }

  /** An operator checks that a channel reaches people. */
  public static Notification test(String id, String channel, String node, String externalUrl, Instant at) {
    Alert alert = Alert.builder(TEST_ALERT, Severity.INFO)
        .label("channel", channel)
        .fingerprint("vigil:test:" + channel)
        .summary("Test notification from Vigil to channel " + channel)
        .description("If you can read this, channel " + channel + " works.")
        .startsAt(at)
        .generatorUrl(link(externalUrl, "/api/notifications"))
        .build();
    return new Notification(id, NotificationKind.TEST, "vigil:test:" + channel, Map.of("alertname", TEST_ALERT),
        List.of(alert), node, externalUrl, at);
  }

  private static Alert.Builder stopAlert(String alarmId, String reason, String externalUrl) {
    return Alert.builder(STOP_ALERT, Severity.CRITICAL)
        .fingerprint("vigil:emergency-stop")
        .summary("Emergency stop: Vigil halted all work on every node")
        .description(reason == null ? "" : reason)
        .suggestedAction("Find and fix the cause, then an admin resumes with POST /api/system/resume and a reason.")
        .alarmId(alarmId)
        .generatorUrl(alarmId == null ? link(externalUrl, "/api/system/mode") : link(externalUrl, "/api/alarms/" + alarmId));
  }

  private static String suggestionFor(SystemMode mode) {
    return switch (mode) {
      case SYNC_DIRECT -> "Tasks run inline at submit while the queue backend is away; check Redis.";
      case PAUSED -> "Consumers are paused; switch back to async_queue when ready.";
      case STOPPED -> "New work is refused; an admin resumes with POST /api/system/resume.";
      case ASYNC_QUEUE -> "";
    };
  }

  private static String link(String base, String path) {
    if (base == null || base.isBlank()) return "";
    return base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path;
  }
}
