package io.vigil.domain.alarm;

/**
 * An alarm moved through its lifecycle ({@code vigil.alarm.state.changed}).
 *
 * @param from null when the alarm was just opened (as pending)
 */
public record AlarmTransition(Alarm alarm, AlarmState from, AlarmState to, TimelineEntry entry)
    implements AlarmDecision.OfOneAlarm {

  public boolean opened() {
    return from == null;
  }
}
