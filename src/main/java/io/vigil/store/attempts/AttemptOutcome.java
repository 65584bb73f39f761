package io.vigil.store.attempts;

import java.util.Locale;

/** A recovery attempt is running until it has an outcome. */
public enum AttemptOutcome {
  RUNNING, SUCCEEDED, FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AttemptOutcome fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
