package io.vigil.notify;

import io.vertx.core.Vertx;

import java.time.Clock;

/** Builds the channel a config describes. */
public final class Channels {
  private Channels() {}

  public static Channel create(Vertx vertx, ChannelConfig config, Clock clock) {
    if (config instanceof SlackConfig c) return new SlackChannel(vertx, c, clock);
    if (config instanceof WebhookConfig c) return new WebhookChannel(vertx, c, clock);
    if (config instanceof TelegramConfig c) return new TelegramChannel(vertx, c, clock);
    if (config instanceof EmailConfig c) return new EmailChannel(vertx, c);
    if (config instanceof AlertmanagerConfig c) return new AlertmanagerChannel(vertx, c, clock);
    throw new IllegalArgumentException("no channel for " + config.type());
  }
}
