package io.vigil.store.alarms;

import io.vigil.store.outbox.OutboxMessage;

import java.util.List;

/**
 * What one decision of the alarm engine writes, all together or not at all ({@link AlarmStore#commit}): alarms opened
 * or updated, their timeline entries, and the notifications it queues. Written apart, a crash between the alarm and
 * its outbox row would lose a message (the stored alarm says it was sent) or send one twice.
 *
 * @param writes   the alarms, each at most once
 * @param timeline entries for these alarms or for alarms stored already
 * @param messages outbox rows; one whose dedup key exists already is left out, as {@code enqueue} does
 */
public record AlarmCommit(List<Write> writes, List<TimelineEntry> timeline, List<OutboxMessage> messages) {

  /**
   * One alarm: {@code create} opens it (its version is ignored), otherwise it is an update based on
   * {@code alarm.version()}.
   */
  public record Write(AlarmRecord alarm, boolean create) {}

  public AlarmCommit {
    writes = List.copyOf(writes);
    timeline = List.copyOf(timeline);
    messages = List.copyOf(messages);
  }

  public boolean isEmpty() {
    return writes.isEmpty() && timeline.isEmpty() && messages.isEmpty();
  }
}
