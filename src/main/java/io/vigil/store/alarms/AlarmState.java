package io.vigil.store.alarms;

import java.util.Locale;

/**
 * Where an alarm is in its life: pending (breached, waiting out {@code for}) → firing → acknowledged → resolved. The
 * legal moves are the alarm engine's transition table; the store only knows that every state but {@code resolved} is
 * open, and that a fingerprint has at most one open alarm.
 */
public enum AlarmState {
  PENDING, FIRING, ACKNOWLEDGED, RESOLVED;

  public boolean isOpen() {
    return this != RESOLVED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlarmState fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
