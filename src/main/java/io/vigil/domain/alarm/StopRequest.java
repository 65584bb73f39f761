package io.vigil.domain.alarm;

import java.util.List;

/**
 * A critical rule with {@code stop: true} fired: the system should switch to {@code stopped}. Emitted once per
 * firing — silences and suppression do not hold it back (they are about messages, not data safety).
 */
public record StopRequest(Alarm alarm, String reason, TimelineEntry entry) implements AlarmDecision {
  @Override
  public List<Alarm> alarms() {
    return List.of(alarm);
  }

  @Override
  public List<TimelineEntry> entries() {
    return List.of(entry);
  }
}
