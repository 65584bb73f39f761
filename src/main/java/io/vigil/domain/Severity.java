package io.vigil.domain;

import java.util.Locale;

public enum Severity {
  INFO, WARNING, CRITICAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
