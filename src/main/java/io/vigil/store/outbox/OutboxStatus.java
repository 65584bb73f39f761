package io.vigil.store.outbox;

import java.util.Locale;

/**
 * pending (new, due at {@code nextAttemptAt}) → sending (claimed under a lease) → sent; or → failed (due again at
 * {@code nextAttemptAt}) → sending ...; or → dead (given up). A sending row whose lease ran out is due again.
 */
public enum OutboxStatus {
  PENDING, SENDING, SENT, FAILED, DEAD;

  /** Sent and dead rows are finished: nothing will happen to them again. */
  public boolean isFinished() {
    return this == SENT || this == DEAD;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OutboxStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
