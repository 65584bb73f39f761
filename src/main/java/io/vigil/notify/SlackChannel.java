package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;

import java.time.Clock;

/** Posts to a Slack incoming webhook; Slack answers 200 {@code ok}, or 4xx with a reason such as {@code invalid_payload}. */
public final class SlackChannel extends AbstractChannel<SlackConfig> {
  private final HttpPoster poster;

  public SlackChannel(Vertx vertx, SlackConfig config, Clock clock) {
    super(config);
    this.poster = new HttpPoster(vertx, config.name(), config.timeout(),
        Redactor.builder().urlSecret(config.webhookUrl()).build(), clock);
  }

  @Override
  public String target() {
    return Redactor.maskUrl(config.webhookUrl().reveal());
  }

  @Override
  public Future<Delivery> deliver(Notification notification) {
    Buffer body = SlackMessage.of(notification, config).toBuffer();
    return poster.post(config.webhookUrl().reveal(),
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json; charset=utf-8"), body);
  }

  @Override
  public Future<Void> close() {
    return poster.close();
  }
}
