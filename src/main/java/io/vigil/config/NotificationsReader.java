package io.vigil.config;

import io.vigil.domain.Jitter;
import io.vigil.domain.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads {@code notifications:}; each channel as the kind its {@code type} names, so another type's key is unknown. */
final class NotificationsReader {
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private NotificationsReader() {}

  static NotificationsConfig read(ConfigReader root) {
    ConfigReader n = root.child("notifications");
    String externalUrl = n.string("external_url", "");
    if (!externalUrl.isEmpty() && !isHttpUrl(externalUrl)) n.problem("external_url", "is not an http(s) URL");
    ConfigReader retry = n.child("retry");
    Duration base = retry.duration("base", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1));
    Duration max = retry.duration("max", Duration.ofMinutes(5), Duration.ofMillis(10), Duration.ofDays(1));
    if (max.compareTo(base) < 0) retry.problem("max", "must not be shorter than retry.base");
    RetryPolicy policy = new RetryPolicy(base, retry.decimal("factor", 2.0, 1.0, 10.0),
        max.compareTo(base) < 0 ? base : max, Jitter.FULL);
    Map<String, Function<ConfigReader, ChannelSpec>> types = new LinkedHashMap<>();
    Map<String, ChannelSpec> channels = new LinkedHashMap<>();
    n.entries("channels", null).forEach((name, c) -> {
      types.clear();
      types.put("slack", r -> new ChannelSpec.Slack(name, r.envSecret("webhook_url_env", true),
          template(r, "title"), template(r, "text"), timeout(r)));
      types.put("webhook", r -> new ChannelSpec.Webhook(name, r.envSecret("url_env", true),
          r.envSecret("signing_key_env", true), r.integer("max_alerts", 0, 0, 10_000), timeout(r)));
      types.put("telegram", r -> new ChannelSpec.Telegram(name, r.envSecret("bot_token_env", true),
          r.requiredString("chat_id"), r.string("api_base_url", "https://api.telegram.org"), template(r, "text"),
          timeout(r)));
      types.put("email", r -> new ChannelSpec.Email(name, r.requiredString("host"), r.integer("port", 587, 1, 65_535),
          r.oneOf("security", Map.of("none", "none", "starttls", "starttls", "tls", "tls"), "starttls"),
          r.string("username", ""), r.envSecret("password_env", !r.string("username", "").isEmpty()),
          r.requiredString("from"), r.strings("to", List.of()), template(r, "subject"), template(r, "body"),
          timeout(r)));
      types.put("alertmanager", r -> new ChannelSpec.Alertmanager(name, r.requiredString("url"),
          r.duration("resend_interval", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)),
          timeout(r)));
      ChannelSpec spec = c.kind("type", types);
      if (spec != null) channels.put(name, spec);
    });
    return new NotificationsConfig(channels, externalUrl, n.integer("max_attempts", 10, 1, 1_000), policy,
        n.duration("lease", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
        n.duration("poll", Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMinutes(1)),
        n.integer("claim_batch", 20, 1, 1_000));
  }

  private static Duration timeout(ConfigReader r) {
    return r.duration("timeout", null, Duration.ofMillis(1), MAX_TIMEOUT);
  }

  /** A template under {@code templates.<key>}; null = the channel's default. Checked by the channel on load. */
  private static String template(ConfigReader r, String key) {
    ConfigReader templates = r.child("templates");
    return templates.has(key) ? templates.string(key) : null;
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = URI.create(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
