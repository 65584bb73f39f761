package io.vigil.domain.alarm;

/** An alarm became silenced or suppressed, or stopped being so; the entry's note says by what. */
public record FlagChange(Alarm alarm, Flag flag, boolean on, TimelineEntry entry) implements AlarmDecision.OfOneAlarm {
  public enum Flag { SILENCED, SUPPRESSED }
}
