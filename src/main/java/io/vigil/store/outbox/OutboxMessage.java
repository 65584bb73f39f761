package io.vigil.store.outbox;

import io.vigil.domain.Millis;
import io.vigil.store.Ids;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification to deliver on one channel, kept until it is sent or given up. Times are kept to the millisecond.
 *
 * @param alarmId       the alarm it is about, or null (a mode switch, a test message)
 * @param dedupKey      enqueueing a second message with the same key changes nothing (null = no dedup), so "the
 *                      firing notice of alarm A on Slack" is queued once however often a leader retries or reconciles
 * @param payload       what the channel sends, opaque to the store (rendered JSON or text), kept byte for byte
 * @param attempts      deliveries started so far (counted when a row is claimed)
 * @param nextAttemptAt when the row is due (pending, failed)
 * @param leaseOwner    who is sending it (sending), else null
 * @param leaseUntil    until when the lease holds (sending); after it the row is due again
 */
public record OutboxMessage(String id, String channel, String alarmId, String dedupKey, String payload,
                            OutboxStatus status, int attempts, Instant nextAttemptAt, String leaseOwner,
                            Instant leaseUntil, String lastError, Instant createdAt, Instant updatedAt,
                            Instant sentAt) {

  public OutboxMessage {
    id = Ids.checked(id);
    Objects.requireNonNull(channel, "channel");
    alarmId = alarmId == null ? null : Ids.checked(alarmId);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0");
    nextAttemptAt = Millis.of(Objects.requireNonNull(nextAttemptAt, "nextAttemptAt"));
    leaseUntil = Millis.of(leaseUntil);
    createdAt = Millis.of(Objects.requireNonNull(createdAt, "createdAt"));
    updatedAt = Millis.of(Objects.requireNonNull(updatedAt, "updatedAt"));
    sentAt = Millis.of(sentAt);
  }

  /** A new message, due at once. */
  public static OutboxMessage pending(String id, String channel, String alarmId, String dedupKey, String payload,
                                      Instant now) {
    return new OutboxMessage(id, channel, alarmId, dedupKey, payload, OutboxStatus.PENDING, 0, now, null, null, null,
        now, now, null);
  }

  /** Due at {@code now}: waiting for its (next) attempt, or sending under a lease that ran out. */
  public boolean isDueAt(Instant now) {
    return switch (status) {
      case PENDING, FAILED -> !nextAttemptAt.isAfter(now);
      case SENDING -> leaseUntil != null && !leaseUntil.isAfter(now);
      case SENT, DEAD -> false;
    };
  }
}
