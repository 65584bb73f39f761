package io.vigil.domain.notify;

import java.util.Locale;

/**
 * Why people hear of something now. The status says what state the alerts are in; the kind says why this message
 * goes out: the first page, a reminder, an escalation to the next tier, the resolve, a system mode switch, the
 * emergency stop, or a test from an operator.
 */
public enum NotificationKind {
  FIRING("FIRING"),
  REMINDER("REMINDER"),
  ESCALATION("ESCALATED"),
  RESOLVED("RESOLVED"),
  /** A system mode switch (manual or the automatic fallback); resolved when the node is back on its queue. */
  MODE_CHANGE("MODE CHANGE"),
  /** The kill switch tripped; its resume is sent as {@link #RESOLVED}. */
  EMERGENCY_STOP("EMERGENCY STOP"),
  TEST("TEST");

  private final String tag;

  NotificationKind(String tag) {
    this.tag = tag;
  }

  /** The short upper-case tag a message starts with, e.g. {@code ESCALATED}. */
  public String tag() {
    return tag;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a notification of this kind may carry a group in {@code status}. */
  public boolean allows(NotificationStatus status) {
    return switch (this) {
      case FIRING, REMINDER, ESCALATION, EMERGENCY_STOP -> status == NotificationStatus.FIRING;
      case RESOLVED -> status == NotificationStatus.RESOLVED;
      case MODE_CHANGE, TEST -> true;
    };
  }
}
