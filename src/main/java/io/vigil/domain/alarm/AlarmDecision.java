package io.vigil.domain.alarm;

import java.util.List;

/**
 * What the engine decided in one call. The verticle persists the snapshot of every alarm named ({@link
 * Decisions#alarms()} gives the latest of each), appends the timeline entries, publishes transitions and flag
 * changes, writes notification intents to the outbox and sends stop requests to the control verticle.
 */
public sealed interface AlarmDecision permits AlarmDecision.OfOneAlarm, NotificationIntent {
  /** The alarm snapshots this decision carries (after the decision took effect). */
  List<Alarm> alarms();

  /** The timeline entries to append, one per alarm. */
  List<TimelineEntry> entries();

  /** A decision about one alarm, with one timeline entry. */
  sealed interface OfOneAlarm extends AlarmDecision permits AlarmTransition, FlagChange, StopRequest {
    Alarm alarm();

    TimelineEntry entry();

    @Override
    default List<Alarm> alarms() {
      return List.of(alarm());
    }

    @Override
    default List<TimelineEntry> entries() {
      return List.of(entry());
    }
  }
}
