package io.vigil.domain.alarm;

import java.util.List;

/**
 * An alarm moved through its lifecycle ({@code vigil.alarm.state.changed}).
 *
 * @param from null when the alarm was just opened (as pending)
 */
public record AlarmTransition(Alarm alarm, AlarmState from, AlarmState to, TimelineEntry entry)
    implements AlarmDecision {

  public boolean opened() {
    return from == null;
  }

  @Override
  public List<Alarm> alarms() {
    return List.of(alarm);
  }

  @Override
  public List<TimelineEntry> entries() {
    return List.of(entry);
  }
}
