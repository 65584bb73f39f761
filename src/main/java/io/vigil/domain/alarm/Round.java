package io.vigil.domain.alarm;

import io.vigil.domain.alarm.NotificationIntent.Kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions of one engine call as they are made. Messages of the same kind, rule, channels and tier made in one
 * call become one intent, so a batch of samples that trips many series of a rule at once sends one message.
 */
final class Round {
  final Instant now;
  private final List<AlarmDecision> decisions = new ArrayList<>();
  private final Map<IntentKey, Draft> drafts = new LinkedHashMap<>();

  private record IntentKey(Kind kind, String rule, List<String> channels, int tier) {}

  private static final class Draft {
    final List<Alarm> alarms = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final List<TimelineEntry> entries = new ArrayList<>();
  }

  Round(Instant now) {
    this.now = now;
  }

  void transition(LiveAlarm a, AlarmState from, String actor, String note) {
    TimelineEntry entry = new TimelineEntry(a.id, now, TimelineEntry.Kind.of(a.state), actor, note);
    decisions.add(new AlarmTransition(a.snapshot(), from, a.state, entry));
  }

  void flag(LiveAlarm a, FlagChange.Flag flag, boolean on, String note) {
    TimelineEntry.Kind kind = switch (flag) {
      case SILENCED -> on ? TimelineEntry.Kind.SILENCED : TimelineEntry.Kind.UNSILENCED;
      case SUPPRESSED -> on ? TimelineEntry.Kind.SUPPRESSED : TimelineEntry.Kind.UNSUPPRESSED;
    };
    TimelineEntry entry = new TimelineEntry(a.id, now, kind, TimelineEntry.ENGINE, note);
    decisions.add(new FlagChange(a.snapshot(), flag, on, entry));
  }

  void stop(LiveAlarm a, String reason) {
    TimelineEntry entry = new TimelineEntry(a.id, now, TimelineEntry.Kind.STOP_REQUESTED, TimelineEntry.ENGINE, reason);
    decisions.add(new StopRequest(a.snapshot(), reason, entry));
  }

  /** Call after the alarm's delivery bookkeeping was updated, so the snapshot says what was sent. */
  void notify(Kind kind, LiveAlarm a, List<String> channels, int tier, String key, String note) {
    String text = kind.wireName() + (tier > 0 ? " (tier " + tier + ")" : "") + " to "
        + (channels.isEmpty() ? "no channel" : String.join(", ", channels)) + (note.isEmpty() ? "" : ": " + note);
    Draft draft = drafts.computeIfAbsent(new IntentKey(kind, a.ruleName, List.copyOf(channels), tier), k -> new Draft());
    draft.alarms.add(a.snapshot());
    draft.keys.add(a.id + "/" + key);
    draft.entries.add(new TimelineEntry(a.id, now, TimelineEntry.Kind.NOTIFIED, TimelineEntry.ENGINE, text));
  }

  Decisions finish() {
    if (decisions.isEmpty() && drafts.isEmpty()) return Decisions.NONE;
    List<AlarmDecision> all = new ArrayList<>(decisions);
    drafts.forEach((k, d) -> all.add(new NotificationIntent(k.kind(), k.rule(), d.alarms.get(0).severity(),
        k.channels(), k.tier(), d.alarms, d.keys, d.entries, now)));
    return new Decisions(all);
  }
}
