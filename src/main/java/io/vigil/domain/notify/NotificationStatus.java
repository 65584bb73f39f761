package io.vigil.domain.notify;

import java.util.Locale;

/** The state of an alert, or of a group of alerts: firing while any alert in it fires. */
public enum NotificationStatus {
  FIRING, RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
