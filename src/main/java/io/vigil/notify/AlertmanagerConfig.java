package io.vigil.notify;

import java.time.Duration;

/**
 * Forwarding to an Alertmanager ({@code POST <url>/api/v2/alerts}).
 *
 * @param url            the Alertmanager's base URL (with its route prefix, if any)
 * @param resendInterval how often firing alerts are posted again; each post says the alert holds for
 *                       {@link #RESEND_LIFETIMES} of these, so Alertmanager resolves it on its own if Vigil stops
 */
public record AlertmanagerConfig(String name, String url, Duration resendInterval, Duration timeout)
    implements ChannelConfig {

  public static final Duration DEFAULT_RESEND = Duration.ofMinutes(1);
  /** As Prometheus does: a firing alert's endsAt is four re-send intervals ahead. */
  public static final int RESEND_LIFETIMES = 4;

  public AlertmanagerConfig {
    Checks.name(name);
    url = Checks.httpUrl(name, "url", url);
    if (java.net.URI.create(url).getRawUserInfo() != null) {
      throw new IllegalArgumentException("channel " + name + ": url must not carry credentials (not supported yet)");
    }
    resendInterval = resendInterval == null ? DEFAULT_RESEND : resendInterval;
    if (resendInterval.compareTo(Duration.ofSeconds(1)) < 0 || resendInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("channel " + name + ": resend_interval must be between 1 s and 1 h");
    }
    timeout = Checks.timeout(name, timeout);
  }

  public AlertmanagerConfig(String name, String url) {
    this(name, url, null, null);
  }

  /** How long a posted firing alert holds in Alertmanager without a re-send. */
  public Duration alertLifetime() {
    return resendInterval.multipliedBy(RESEND_LIFETIMES);
  }

  @Override
  public ChannelType type() {
    return ChannelType.ALERTMANAGER;
  }
}
