package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.config.ChannelSpec;
import io.vigil.config.NotifySlice;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.AlarmNotifications;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.NotificationKind;
import io.vigil.store.Stores;
import io.vigil.store.alarms.AlarmQuery;
import io.vigil.store.alarms.AlarmRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Alertmanager's re-send contract, kept by the leading node only (deployed with the alarm engine): every alarm that
 * fires and was told to an Alertmanager channel is posted to it again each {@code resend_interval}, with an
 * {@code endsAt} four intervals ahead, so Alertmanager neither forgets it nor keeps it after Vigil stops. Which alarms
 * those are is read from the alarm store (open, firing or acknowledged, told to the channel), so a new leader picks
 * the duty up where the old one left it. The first post and the resolve go through the outbox like every message;
 * {@link AlertmanagerResends} says what is due.
 */
public final class ResendVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ResendVerticle.class);

  /** One Alertmanager channel: its client, what is due, and the alerts followed by fingerprint. */
  private record Target(AlertmanagerChannel channel, AlertmanagerResends resends, Map<String, Alert> tracked) {}

  private final Stores stores;
  private final Clock clock;
  private final String node;
  private NotifySlice slice;
  private Map<String, Target> targets = Map.of();
  private long timer = -1;
  private boolean refreshing;

  public ResendVerticle(NotifySlice slice, Stores stores, Clock clock, String node) {
    this.slice = slice;
    this.stores = stores;
    this.clock = clock;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    configure(slice);
    Facts.listen(vertx.eventBus(), Addresses.CONFIG_APPLIED, applied -> {
      if (applied.changes().touches("notifications")) {
        close();
        configure(NotifySlice.of(applied.config()));
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return close();
  }

  private void configure(NotifySlice next) {
    slice = next;
    Map<String, Target> built = new HashMap<>();
    Duration shortest = null;
    for (ChannelSpec spec : next.notifications().channels().values()) {
      if (!(spec instanceof ChannelSpec.Alertmanager)) continue;
      AlertmanagerConfig config = (AlertmanagerConfig) ChannelConfigs.of(spec);
      built.put(spec.name(), new Target(new AlertmanagerChannel(vertx, config, clock),
          new AlertmanagerResends(clock, config.resendInterval()), new HashMap<>()));
      if (shortest == null || config.resendInterval().compareTo(shortest) < 0) shortest = config.resendInterval();
    }
    targets = Map.copyOf(built);
    if (shortest != null) {
      timer = vertx.setPeriodic(Math.max(250, shortest.toMillis() / 4), id -> refresh());
    }
  }

  private Future<Void> close() {
    if (timer >= 0) vertx.cancelTimer(timer);
    timer = -1;
    return Future.join(targets.values().stream().map(t -> t.channel().close()).toList()).mapEmpty();
  }

  /** Follows the firing alarms in the store, then posts what is due on each Alertmanager channel. */
  private void refresh() {
    if (refreshing || targets.isEmpty()) return;
    refreshing = true;
    Map<String, Target> current = targets;
    stores.alarms().list(AlarmQuery.open(AlarmQuery.MAX_LIMIT))
        .onComplete(done -> refreshing = false)
        .onSuccess(open -> current.forEach((name, target) -> follow(target, name, open)))
        .onFailure(e -> LOG.debug("alertmanager re-sends wait for the store: {}", e.getMessage()));
  }

  private void follow(Target target, String channel, List<AlarmRecord> open) {
    Instant now = clock.instant();
    String url = slice.notifications().externalUrl();
    Map<String, Alert> firing = new HashMap<>();
    for (AlarmRecord r : open) {
      boolean fires = r.state() == AlarmState.FIRING || r.state() == AlarmState.ACKNOWLEDGED;
      if (fires && r.notified() && r.told().contains(channel)) {
        firing.put(r.fingerprint(), AlarmNotifications.alert(r.toAlarm(), url));
      }
    }
    firing.forEach((fingerprint, alert) -> {
      if (target.tracked().putIfAbsent(fingerprint, alert) == null) {
        target.resends().accept(notification(alert, NotificationKind.FIRING, now));
      }
    });
    for (String gone : Set.copyOf(target.tracked().keySet())) {
      if (firing.containsKey(gone)) continue;
      Alert ended = target.tracked().remove(gone).resolvedAt(now);
      target.resends().accept(notification(ended, NotificationKind.RESOLVED, now)); // its resolve goes via the outbox
    }
    List<Alert> due = target.resends().due();
    if (due.isEmpty()) return;
    target.channel().post(due).onSuccess(delivery -> {
      if (delivery.isDelivered()) target.resends().sent(due);
      else LOG.warn("alertmanager {}: re-send of {} alert(s) failed ({}); due again next time", channel, due.size(),
          delivery.reason());
    });
  }

  private Notification notification(Alert alert, NotificationKind kind, Instant now) {
    return new Notification(UUID.randomUUID().toString(), kind, AlarmNotifications.groupKey(alert.alertname()),
        Map.of(), List.of(alert), node, slice.notifications().externalUrl(), now);
  }
}
