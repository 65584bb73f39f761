package io.vigil.notify;

import io.vigil.config.ChannelSpec;
import io.vigil.config.ConfigCheck;
import io.vigil.config.ConfigProblem;
import io.vigil.config.EnvSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The channel records built from {@code notifications.channels}: secrets as {@link Secret}s, templates compiled. The
 * records check what the file cannot say by its shape (URL forms, key lengths, template placeholders, addresses);
 * {@link #check} runs them when the configuration is loaded or reloaded, so a bad channel stops the start or refuses
 * the reload instead of failing at 3 a.m.
 */
public final class ChannelConfigs {
  private ChannelConfigs() {}

  /** @throws IllegalArgumentException naming the channel and the field (never a secret's value) */
  public static ChannelConfig of(ChannelSpec spec) {
    if (spec instanceof ChannelSpec.Slack s) {
      return new SlackConfig(s.name(), secret(s.webhookUrl()), template(s, "title", s.title()),
          template(s, "text", s.text()), s.timeout());
    }
    if (spec instanceof ChannelSpec.Webhook w) {
      return new WebhookConfig(w.name(), secret(w.url()), secret(w.signingKey()), w.maxAlerts(), w.timeout());
    }
    if (spec instanceof ChannelSpec.Telegram t) {
      return new TelegramConfig(t.name(), secret(t.botToken()), t.chatId(), t.apiBaseUrl(),
          template(t, "text", t.text()), t.timeout());
    }
    if (spec instanceof ChannelSpec.Email e) {
      return new EmailConfig(e.name(), e.host(), e.port(), EmailConfig.Security.valueOf(e.security().toUpperCase(
          Locale.ROOT)), e.username(), secret(e.password()), e.from(), e.to(), template(e, "subject", e.subject()),
          template(e, "body", e.body()), e.timeout());
    }
    ChannelSpec.Alertmanager a = (ChannelSpec.Alertmanager) spec;
    return new AlertmanagerConfig(a.name(), a.url(), a.resendInterval(), a.timeout());
  }

  /** Every channel of the configuration built once; each refusal is a problem at the channel's key. */
  public static ConfigCheck check() {
    return config -> {
      List<ConfigProblem> problems = new ArrayList<>();
      for (Map.Entry<String, ChannelSpec> e : config.notifications().channels().entrySet()) {
        try {
          of(e.getValue());
        } catch (IllegalArgumentException ex) {
          problems.add(new ConfigProblem("notifications.channels." + e.getKey(), ex.getMessage()));
        }
      }
      return problems;
    };
  }

  private static Secret secret(EnvSecret s) {
    return s == null ? null : Secret.of("env " + s.variable(), s.value());
  }

  private static Template template(ChannelSpec channel, String key, String source) {
    if (source == null) return null;
    try {
      return Template.compile(source);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("channel " + channel.name() + ": templates." + key + ": " + e.getMessage(), e);
    }
  }
}
