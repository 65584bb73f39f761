package io.vigil.domain;

import java.util.Locale;

/** What happens to new work while the queue backend is unreachable. */
public enum BackendFallback {
  /** Run each submission inline (mode sync_direct) until the backend answers again. */
  SYNC_DIRECT,
  /** Refuse new work with 503 until the backend answers again. */
  REJECT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
