package io.vigil.store.alarms;

import io.vigil.domain.Millis;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.store.Ids;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an alarm's timeline: a state transition, a notification (queued, sent, failed), an escalation, or a
 * note (an acknowledgement's comment). Appending an entry whose id is stored already changes nothing, so a retried
 * append never duplicates.
 *
 * @param from    the state before a transition (null otherwise)
 * @param to      the state after a transition (null otherwise)
 * @param details small JSON-able map (channel, outbox id, error...)
 */
public record TimelineEntry(String id, String alarmId, Instant at, Kind kind, AlarmState from, AlarmState to,
                            String actor, String message, Map<String, Object> details) {

  public enum Kind {
    TRANSITION, NOTIFICATION, ESCALATION, NOTE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromWire(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  public TimelineEntry {
    id = Ids.checked(id);
    alarmId = Ids.checked(alarmId);
    at = Millis.of(Objects.requireNonNull(at, "at"));
    Objects.requireNonNull(kind, "kind");
    actor = actor == null ? "system" : actor;
    message = message == null ? "" : message;
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public static TimelineEntry transition(String id, String alarmId, Instant at, AlarmState from, AlarmState to,
                                         String actor, String message) {
    return new TimelineEntry(id, alarmId, at, Kind.TRANSITION, from, to, actor, message, Map.of());
  }
}
