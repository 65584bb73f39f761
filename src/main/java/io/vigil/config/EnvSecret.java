package io.vigil.config;

import java.util.Objects;

/**
 * A credential read from the environment variable a {@code *_env} key names (a webhook URL, a bot token, a signing
 * key, an SMTP password). The configuration holds the variable's name; only {@link #value()} gives the secret, and
 * it never prints: {@code ****(env VIGIL_SLACK_URL)}.
 */
public record EnvSecret(String variable, String value) {
  public EnvSecret {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "****(env " + variable + ")";
  }
}
