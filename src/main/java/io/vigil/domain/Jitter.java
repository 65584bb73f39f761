package io.vigil.domain;

import java.util.Locale;

/** How a computed backoff is randomised so that failed tasks don't retry in lockstep. */
public enum Jitter {
  /** Uniform in [0, backoff] (AWS "full jitter"): the best spread. */
  FULL,
  /** Uniform in [backoff/2, backoff]: keeps a floor. */
  EQUAL,
  /** Exactly the backoff. */
  NONE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
