package io.vigil.notify;

import io.vigil.domain.SystemMode;
import io.vigil.domain.fact.ModeChanged;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.SystemNotifications;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Mode switches as notifications, sent like critical alarms: the emergency stop (a stop whose actor is an alarm
 * rule, {@code alarm:<rule>}) and the resume that ends it, and every other switch, manual or the automatic fallback.
 * Every node hears every operator's switch; only the node that made a switch notifies of it, so a cluster sends one
 * message. The stop is remembered from whichever node made it, so the node that takes the resume sends its resolve.
 */
final class SystemNotices {
  static final String ALARM_ACTOR_PREFIX = "alarm:";

  private final String node;
  private final Supplier<String> ids;
  private String externalUrl;
  private Instant emergencySince;
  private Instant degradedSince;

  SystemNotices(String node, String externalUrl, Supplier<String> ids) {
    this.node = node;
    this.externalUrl = externalUrl;
    this.ids = ids;
  }

  void externalUrl(String url) {
    this.externalUrl = url;
  }

  /** The message for a switch this node made, if any; a peer's switch only updates what is remembered. */
  Optional<Notification> of(ModeChanged change, boolean automatic) {
    boolean emergencyStop = change.mode() == SystemMode.STOPPED && change.actor().startsWith(ALARM_ACTOR_PREFIX);
    Instant stoppedAt = emergencySince;
    if (emergencyStop) emergencySince = change.at();
    else if (change.previous() == SystemMode.STOPPED) emergencySince = null;
    boolean mine = node.equals(change.node());
    Instant degraded = degradedSince;
    if (mine) {
      if (change.mode() == SystemMode.ASYNC_QUEUE) degradedSince = null;
      else if (degradedSince == null) degradedSince = change.at();
    }
    if (!mine || change.mode() == change.previous()) return Optional.empty();
    if (emergencyStop) {
      return Optional.of(SystemNotifications.emergencyStopped(ids.get(), null, change.reason(), node, externalUrl,
          change.at()));
    }
    if (change.previous() == SystemMode.STOPPED && stoppedAt != null) {
      return Optional.of(SystemNotifications.resumed(ids.get(), null, change.reason() + " (by " + change.actor() + ")",
          stoppedAt, node, externalUrl, change.at()));
    }
    return Optional.of(SystemNotifications.modeChanged(ids.get(), change.previous(), change.mode(), automatic,
        change.reason() + " (by " + change.actor() + ")", degraded, node, externalUrl, change.at()));
  }
}
