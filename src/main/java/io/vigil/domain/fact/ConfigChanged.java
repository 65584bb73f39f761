package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** A system-config entry was written; every node's cache drops the key. */
public record ConfigChanged(Stamp stamp, String key, String actor) implements Fact {

  @Override
  public String type() {
    return "config.changed";
  }

  @Override
  public Severity severity() {
    return Severity.INFO;
  }

  @Override
  public String component() {
    return "config";
  }

  @Override
  public String message() {
    return "config '" + key + "' set by " + actor;
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("key", key);
  }
}
