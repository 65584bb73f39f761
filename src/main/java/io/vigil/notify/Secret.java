package io.vigil.notify;

import java.util.Map;
import java.util.Objects;

/**
 * A credential (webhook URL, bot token, signing key, SMTP password) that must never reach a log, an API answer or
 * an error message. It prints as {@code ****} with where it came from; only {@link #reveal()} gives the value, and
 * only the code that puts it on the wire calls it.
 */
public final class Secret {
  private final String source;
  private final String value;

  private Secret(String source, String value) {
    this.source = Objects.requireNonNull(source, "source");
    if (value == null || value.isBlank()) throw new IllegalArgumentException(source + " is empty");
    this.value = value;
  }

  /**
   * Reads the secret from the environment variable {@code variable} (the caller passes the environment in).
   *
   * @throws IllegalArgumentException naming the variable (never a value) when it is unset or blank
   */
  public static Secret fromEnv(String variable, Map<String, String> env) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + variable + " is not set");
    }
    return new Secret("env " + variable, value);
  }

  /** A secret given directly; {@code source} says where it came from, for messages. */
  public static Secret of(String source, String value) {
    return new Secret(source, value);
  }

  public String reveal() {
    return value;
  }

  /** Where the value came from, e.g. {@code env VIGIL_SLACK_URL}; safe to show. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "****(" + source + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.source.equals(source) && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, value);
  }
}
