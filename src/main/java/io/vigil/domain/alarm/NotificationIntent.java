package io.vigil.domain.alarm;

import io.vigil.domain.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A message to send: one or more alarms of one rule (several when grouped), the channels and why. The notify
 * verticle turns it into a {@code Notification} per channel.
 *
 * @param tier  the escalation tier reached (1 = first) for {@link Kind#ESCALATION}, else 0
 * @param keys  one stable key per alarm ({@code <alarm id>/firing}, {@code /reminder/<n>}, {@code /escalation/<n>},
 *              {@code /resolved}) for an idempotent outbox: a new leader re-deciding the same message gets the same
 *              key
 */
public record NotificationIntent(Kind kind, String rule, Severity severity, List<String> channels, int tier,
                                 List<Alarm> alarms, List<String> keys, List<TimelineEntry> entries, Instant at)
    implements AlarmDecision {

  public enum Kind {
    FIRING, REMINDER, ESCALATION, RESOLVED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public NotificationIntent {
    channels = List.copyOf(channels);
    alarms = List.copyOf(alarms);
    keys = List.copyOf(keys);
    entries = List.copyOf(entries);
  }

  /** Several alarms in one message. */
  public boolean grouped() {
    return alarms.size() > 1;
  }
}
