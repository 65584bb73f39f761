package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;

import java.time.Clock;
import java.util.Collection;

/**
 * Forwards alerts to Alertmanager ({@code POST <url>/api/v2/alerts}), which then groups, silences and routes them
 * itself. Alertmanager forgets a firing alert when its {@code endsAt} passes, so firing alerts must be posted again
 * every {@link AlertmanagerConfig#resendInterval()}: {@link AlertmanagerResends} tells the caller which and when.
 */
public final class AlertmanagerChannel extends AbstractChannel<AlertmanagerConfig> {
  private final HttpPoster poster;
  private final Clock clock;

  public AlertmanagerChannel(Vertx vertx, AlertmanagerConfig config, Clock clock) {
    super(config);
    this.clock = clock;
    this.poster = new HttpPoster(vertx, config.name(), config.timeout(), Redactor.builder().build(), clock);
  }

  @Override
  public String target() {
    return config.url() + "/api/v2/alerts";
  }

  @Override
  public Future<Delivery> deliver(Notification notification) {
    return post(notification.alerts());
  }

  /** Posts these alerts (a re-send of those still firing, or a notification's). */
  public Future<Delivery> post(Collection<Alert> alerts) {
    var body = AlertmanagerAlerts.of(alerts, clock.instant(), config.alertLifetime()).toBuffer();
    return poster.post(target(), MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"), body);
  }

  @Override
  public Future<Void> close() {
    return poster.close();
  }
}
