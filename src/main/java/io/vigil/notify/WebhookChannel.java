package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;

import java.time.Clock;

/** Posts the Alertmanager-shaped body to any HTTP endpoint, signed (see {@link WebhookSigner}). */
public final class WebhookChannel extends AbstractChannel<WebhookConfig> {
  private final WebhookSigner signer;
  private final HttpPoster poster;
  private final Clock clock;

  public WebhookChannel(Vertx vertx, WebhookConfig config, Clock clock) {
    super(config);
    this.clock = clock;
    this.signer = new WebhookSigner(config.signingKey());
    this.poster = new HttpPoster(vertx, config.name(), config.timeout(),
        Redactor.builder().urlSecret(config.url()).secret(config.signingKey()).build(), clock);
  }

  @Override
  public String target() {
    return Redactor.maskUrl(config.url().reveal());
  }

  @Override
  public Future<Delivery> deliver(Notification notification) {
    Buffer body = WebhookPayload.of(notification, config.name(), config.maxAlerts()).toBuffer();
    long now = clock.instant().getEpochSecond();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json; charset=utf-8")
        .add(WebhookSigner.TIMESTAMP_HEADER, Long.toString(now))
        .add(WebhookSigner.SIGNATURE_HEADER, signer.sign(now, body.getBytes()))
        .add(WebhookSigner.ID_HEADER, notification.id());
    return poster.post(config.url().reveal(), headers, body);
  }

  @Override
  public Future<Void> close() {
    return poster.close();
  }
}
