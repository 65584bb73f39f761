package io.vigil.domain.alarm;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of an alarm's timeline: a transition, a notification, a flag change or a stop request, with its time,
 * who did it ({@link #ENGINE} for the engine itself, or the operator) and a note (the comment, the channels, the
 * silence...). The engine emits each entry once, inside the decision that caused it; the store appends them.
 */
public record TimelineEntry(String alarmId, Instant at, Kind kind, String actor, String note) {
  /** The actor of everything the engine decides by itself. */
  public static final String ENGINE = "vigil";

  public enum Kind {
    PENDING, FIRING, ACKNOWLEDGED, RESOLVED, NOTIFIED, SILENCED, UNSILENCED, SUPPRESSED, UNSUPPRESSED, STOP_REQUESTED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind of(AlarmState state) {
      return valueOf(state.name());
    }
  }

  public TimelineEntry {
    Objects.requireNonNull(alarmId, "alarmId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    actor = actor == null ? ENGINE : actor;
    note = note == null ? "" : note;
  }
}
