package io.vigil.notify;

import io.vertx.core.Future;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;

/**
 * A way to reach people. {@link #deliver} makes one attempt and reports how it went as a value: it never fails
 * the future and never throws for a receiver that is down, slow, or refuses; retries, backoff and the breaker are
 * the caller's (the outbox's) business. Nothing a channel returns or logs contains its secrets.
 */
public interface Channel {

  String name();

  ChannelType type();

  /** Where it delivers, safe to show ({@code https://hooks.slack.com/****}, {@code smtp://mail:587 -> 2 recipients}). */
  String target();

  /** One delivery attempt; the future always succeeds, with the outcome. */
  Future<Delivery> deliver(Notification notification);

  /** Releases the channel's connections. */
  Future<Void> close();
}
