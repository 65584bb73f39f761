package io.vigil.config;

import java.util.List;

/** Configuration Vigil cannot start with (or reload to); the message names each offending key. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigProblem> details;

  public ConfigException(List<ConfigProblem> details) {
    super("invalid configuration:\n  - " + String.join("\n  - ", details.stream().map(ConfigProblem::toString).toList()));
    this.details = List.copyOf(details);
  }

  public ConfigException(String origin, String problem) {
    this(List.of(new ConfigProblem(origin, problem)));
  }

  /** Every problem as {@code path: message}. */
  public List<String> problems() {
    return details.stream().map(ConfigProblem::toString).toList();
  }

  public List<ConfigProblem> details() {
    return details;
  }
}
