package io.vigil.domain.alarm;

import java.util.List;

/** An alarm became silenced or suppressed, or stopped being so; the entry's note says by what. */
public record FlagChange(Alarm alarm, Flag flag, boolean on, TimelineEntry entry) implements AlarmDecision {
  public enum Flag { SILENCED, SUPPRESSED }

  @Override
  public List<Alarm> alarms() {
    return List.of(alarm);
  }

  @Override
  public List<TimelineEntry> entries() {
    return List.of(entry);
  }
}
