package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Millis;
import io.vigil.domain.Severity;

import java.time.Instant;
import java.util.List;

/**
 * One attempt to deliver a notification on a channel ended: sent, to be retried, or given up. Published cluster-wide
 * by the node that made the attempt; the alarm engine turns {@code consecutiveFailures} into the channel's
 * {@code notify.failures} sample, so a failing channel raises its own alarm on the other channels.
 *
 * @param alarmIds            the alarms the message is about (none for a system notification)
 * @param notificationKind    firing, reminder, escalation, resolved, mode_change, emergency_stop, test
 * @param outcome             the channel's answer: delivered, retry_after, failed_retryable, failed_permanent, refused
 *                            (the channel's breaker was open)
 * @param attempts            attempts made so far, this one included
 * @param statusCode          the receiver's HTTP status or SMTP reply code, 0 when none came
 * @param consecutiveFailures failed attempts in a row on this channel from this node (0 after a success)
 * @param nextAttemptAt       when it is tried again ({@link Result#RETRYING}), else null
 */
public record DeliveryRecorded(Stamp stamp, String node, String notificationId, String channel,
                               List<String> alarmIds, String notificationKind, Result result, String outcome, int attempts,
                               int statusCode, String reason, int consecutiveFailures, Instant nextAttemptAt)
    implements Fact {

  /** What the outbox made of the attempt. */
  public enum Result { SENT, RETRYING, DEAD }

  public DeliveryRecorded {
    alarmIds = alarmIds == null ? List.of() : List.copyOf(alarmIds);
    reason = reason == null ? "" : reason;
  }

  @Override
  public Event view() {
    String type = switch (result) {
      case SENT -> "notification.sent";
      case RETRYING -> "notification.failed";
      case DEAD -> "notification.dead";
    };
    Severity severity = switch (result) {
      case SENT -> Severity.INFO;
      case RETRYING -> Severity.WARNING;
      case DEAD -> Severity.CRITICAL;
    };
    String message = notificationKind + " notification " + switch (result) {
      case SENT -> "sent on " + channel;
      case RETRYING -> "failed on " + channel + " (attempt " + attempts + ", " + reason + "); retrying at " + Millis.format(nextAttemptAt);
      case DEAD -> "given up on " + channel + " after " + attempts + " attempt(s): " + reason;
    };
    return FactView.of(this, type, severity, "channel:" + channel, message,
        "notification_id", notificationId, "channel", channel, "alarm_ids", alarmIds.isEmpty() ? null : alarmIds,
        "kind", notificationKind, "outcome", outcome, "attempts", attempts, "status_code", statusCode == 0 ? null : statusCode,
        "reason", reason, "consecutive_failures", consecutiveFailures,
        "next_attempt_at", nextAttemptAt, "node", node);
  }
}
