package io.vigil.notify;

import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager's re-send contract, kept for one Alertmanager channel. Alertmanager holds a posted firing alert only
 * until its {@code endsAt} (or {@code resolve_timeout} without one) and forgets it across a restart without
 * storage, so a sender must post its firing alerts again and again, more often than they expire, and post the
 * resolve with a past {@code endsAt}. This class remembers which alerts fire and when each was last posted.
 *
 * <p>How the NotifyVerticle uses it (single-threaded, on its event loop):
 * <ol>
 *   <li>for every notification queued to the channel, {@link #accept}: a resolved alert stops being re-sent at once
 *       (even before its resolve is delivered), a firing one is tracked as just sent;</li>
 *   <li>on a timer (every {@code resendInterval / 4} is plenty, or at {@link #nextDue}), post {@link #due()} with
 *       {@link AlertmanagerChannel#post} and, when that is delivered, call {@link #sent}; a failed re-send stays
 *       due and goes again at the next tick.</li>
 * </ol>
 */
public final class AlertmanagerResends {
  private final Clock clock;
  private final Duration interval;
  private final Map<String, Tracked> firing = new LinkedHashMap<>();

  private record Tracked(Alert alert, Instant lastSent) {}

  public AlertmanagerResends(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /** A notification for this channel was queued: follow its alerts' latest state. */
  public void accept(Notification notification) {
    Instant now = clock.instant();
    for (Alert a : notification.alerts()) {
      if (a.firing()) {
        firing.put(a.fingerprint(), new Tracked(a, now));
      } else {
        firing.remove(a.fingerprint());
      }
    }
  }

  /** Firing alerts not posted for a whole interval, oldest first. */
  public List<Alert> due() {
    Instant now = clock.instant();
    return firing.values().stream()
        .filter(t -> !t.lastSent().plus(interval).isAfter(now))
        .sorted(Comparator.comparing(Tracked::lastSent))
        .map(Tracked::alert)
        .toList();
  }

  /** These alerts were just posted again; alerts resolved meanwhile stay forgotten. */
  public void sent(Collection<Alert> alerts) {
    Instant now = clock.instant();
    for (Alert a : alerts) {
      firing.computeIfPresent(a.fingerprint(), (fp, t) -> new Tracked(t.alert(), now));
    }
  }

  /** When the next re-send falls due; empty when nothing fires. */
  public Optional<Instant> nextDue() {
    return firing.values().stream().map(t -> t.lastSent().plus(interval)).min(Instant::compareTo);
  }

  public int firingCount() {
    return firing.size();
  }
}
