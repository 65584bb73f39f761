package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * One notification channel under {@code notifications.channels.<name>}, as the file describes it: its type's keys,
 * secrets resolved from the environment variables the {@code *_env} keys name, templates as written (null = the
 * channel's default). The notify capability builds the channel from it and checks what only it can (URL forms,
 * template placeholders, key lengths) when the configuration is loaded.
 */
public sealed interface ChannelSpec {
  String name();

  /** {@code slack}, {@code webhook}, {@code telegram}, {@code email} or {@code alertmanager}. */
  String type();

  /** How long one delivery may take; null = the channel's default. */
  Duration timeout();

  record Slack(String name, EnvSecret webhookUrl, String title, String text, Duration timeout) implements ChannelSpec {
    @Override
    public String type() {
      return "slack";
    }
  }

  record Webhook(String name, EnvSecret url, EnvSecret signingKey, int maxAlerts, Duration timeout)
      implements ChannelSpec {
    @Override
    public String type() {
      return "webhook";
    }
  }

  record Telegram(String name, EnvSecret botToken, String chatId, String apiBaseUrl, String text, Duration timeout)
      implements ChannelSpec {
    @Override
    public String type() {
      return "telegram";
    }
  }

  /** @param security none, starttls or tls; @param password null without a username */
  record Email(String name, String host, int port, String security, String username, EnvSecret password, String from,
               List<String> to, String subject, String body, Duration timeout) implements ChannelSpec {
    public Email {
      to = List.copyOf(to);
    }

    @Override
    public String type() {
      return "email";
    }
  }

  record Alertmanager(String name, String url, Duration resendInterval, Duration timeout) implements ChannelSpec {
    @Override
    public String type() {
      return "alertmanager";
    }
  }
}
