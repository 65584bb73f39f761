package io.vigil.notify;

import java.time.Duration;

/**
 * One configured channel. Each type has its own record, built from plain values: the config loader maps YAML onto
 * it and resolves secrets from the environment variables the YAML names ({@link Secret#fromEnv}). Constructors
 * validate every value and name it in the message; no message ever contains a secret.
 */
public sealed interface ChannelConfig
    permits SlackConfig, WebhookConfig, TelegramConfig, EmailConfig, AlertmanagerConfig {

  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Unique among channels; rules name it. */
  String name();

  ChannelType type();

  /** How long one delivery may take before it counts as a retryable failure. */
  Duration timeout();
}
