package io.vigil.notify;

import java.time.Duration;

/**
 * A generic webhook receiving an Alertmanager-webhook-v4-shaped JSON body, signed with HMAC-SHA256.
 *
 * @param signingKey the shared key for {@code X-Vigil-Signature}; at least 16 characters
 * @param maxAlerts  the most alerts one body carries (the rest are counted in {@code truncatedAlerts}); 0 = all
 */
public record WebhookConfig(String name, Secret url, Secret signingKey, int maxAlerts, Duration timeout)
    implements ChannelConfig {

  public static final int MIN_KEY_LENGTH = 16;

  public WebhookConfig {
    Checks.name(name);
    Checks.httpUrl(name, "url", url);
    Checks.required(name, "signing_key", signingKey);
    if (signingKey.reveal().length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException("channel " + name + ": signing_key (" + signingKey.source()
          + ") must be at least " + MIN_KEY_LENGTH + " characters");
    }
    if (maxAlerts < 0) throw new IllegalArgumentException("channel " + name + ": max_alerts must be 0 (all) or more");
    timeout = Checks.timeout(name, timeout);
  }

  public WebhookConfig(String name, Secret url, Secret signingKey) {
    this(name, url, signingKey, 0, null);
  }

  @Override
  public ChannelType type() {
    return ChannelType.WEBHOOK;
  }
}
