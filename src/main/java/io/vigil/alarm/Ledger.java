package io.vigil.alarm;

import io.vigil.bus.NotificationJson;
import io.vigil.domain.Timers;
import io.vigil.domain.alarm.Alarm;
import io.vigil.domain.alarm.AlarmDecision;
import io.vigil.domain.alarm.AlarmTransition;
import io.vigil.domain.alarm.Decisions;
import io.vigil.domain.alarm.FlagChange;
import io.vigil.domain.alarm.NotificationIntent;
import io.vigil.domain.alarm.StopRequest;
import io.vigil.domain.notify.AlarmNotifications;
import io.vigil.store.StoreUnavailableException;
import io.vigil.store.alarms.AlarmCommit;
import io.vigil.store.alarms.AlarmRecord;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.alarms.TimelineEntry;
import io.vigil.store.outbox.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes the engine's decisions to the store, each batch as one {@link AlarmCommit}: the latest snapshot of every
 * alarm touched, its timeline, and one outbox row per message and channel — in one transaction, so a crash never
 * leaves an alarm that says "sent" without its message, nor a message about an alarm the store does not have.
 *
 * <p>One commit at a time, in order. Decisions made while a commit is out wait and go together in the next one. When
 * the store is unavailable the batch is kept and retried with backoff (the engine carries on deciding; what it
 * decided waits here). A conflict (another leader wrote, e.g. during a partition) or a refusal drops what waits and
 * tells the owner, which reads the store again and restores a fresh engine from it.
 */
final class Ledger {
  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
  private static final long RETRY_MIN_MS = 200;
  private static final long RETRY_MAX_MS = 5_000;

  /** What the owner hears: rows queued on these channels; or the write lost to someone else's. */
  interface Listener {
    void queued(Set<String> channels);

    void lost(Throwable conflict);
  }

  private final AlarmStore store;
  private final Clock clock;
  private final Timers timers;
  private final Supplier<String> ids;
  private final String node;
  private final Supplier<String> externalUrl;
  private final Listener listener;
  /** The stored form of every open alarm, for its version and its message count. */
  private final Map<String, AlarmRecord> stored = new HashMap<>();
  private final List<Decisions> waiting = new ArrayList<>();
  private boolean writing;
  private long retryMs = RETRY_MIN_MS;
  private long generation;

  /** @param externalUrl Vigil's address for the links in messages, as configured now (a reload may change it) */
  Ledger(AlarmStore store, Clock clock, Timers timers, Supplier<String> ids, String node, Supplier<String> externalUrl,
         Listener listener) {
    this.store = store;
    this.clock = clock;
    this.timers = timers;
    this.ids = ids;
    this.node = node;
    this.externalUrl = externalUrl;
    this.listener = listener;
  }

  /** Starts over from what the store holds (after a restore): what waited is dropped, the versions are these. */
  void restart(List<AlarmRecord> open) {
    generation++;
    waiting.clear();
    writing = false;
    retryMs = RETRY_MIN_MS;
    stored.clear();
    open.forEach(a -> stored.put(a.id(), a));
  }

  /** Decisions waiting for the store (0 when everything is written). */
  int waiting() {
    return waiting.size() + (writing ? 1 : 0);
  }

  void record(Decisions decisions) {
    if (decisions.isEmpty()) return;
    waiting.add(decisions);
    if (!writing) write();
  }

  private void write() {
    if (waiting.isEmpty()) return;
    List<Decisions> batch = new ArrayList<>(waiting);
    waiting.clear();
    writing = true;
    long started = generation;
    AlarmCommit commit = commitOf(batch);
    store.commit(commit).onComplete(done -> {
      if (started != generation) return; // a restart happened meanwhile: this answer is about the old engine
      if (done.succeeded()) {
        retryMs = RETRY_MIN_MS;
        done.result().forEach(a -> {
          if (a.isOpen()) stored.put(a.id(), a);
          else stored.remove(a.id());
        });
        writing = false;
        Set<String> channels = new LinkedHashSet<>();
        commit.messages().forEach(m -> channels.add(m.channel()));
        if (!channels.isEmpty()) listener.queued(channels);
        write();
      } else if (StoreUnavailableException.is(done.cause())) {
        LOG.warn("alarm decisions not written yet ({}); retrying in {} ms", done.cause().getMessage(), retryMs);
        waiting.addAll(0, batch);
        long delay = retryMs;
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
        timers.schedule(delay, () -> {
          if (started != generation) return;
          writing = false;
          write();
        });
      } else {
        LOG.warn("alarm decisions refused by the store ({}); re-reading the open alarms", done.cause().getMessage());
        writing = false;
        listener.lost(done.cause());
      }
    });
  }

  /** The batch as one commit: latest snapshot per alarm, every timeline entry, one row per message and channel. */
  private AlarmCommit commitOf(List<Decisions> batch) {
    Map<String, Alarm> latest = new LinkedHashMap<>();
    Map<String, Integer> messages = new HashMap<>();
    List<TimelineEntry> timeline = new ArrayList<>();
    List<OutboxMessage> rows = new ArrayList<>();
    for (Decisions decisions : batch) {
      decisions.alarms().forEach(a -> latest.put(a.id(), a));
      for (AlarmDecision d : decisions) {
        timeline.addAll(entries(d));
        if (d instanceof NotificationIntent intent) {
          intent.alarms().forEach(a -> messages.merge(a.id(), 1, Integer::sum));
          rows.addAll(rows(intent));
        }
      }
    }
    List<AlarmCommit.Write> writes = new ArrayList<>();
    latest.forEach((id, alarm) -> {
      AlarmRecord before = stored.get(id);
      int sent = messages.getOrDefault(id, 0);
      writes.add(before == null ? new AlarmCommit.Write(AlarmRecord.of(alarm, sent, 0), true)
          : new AlarmCommit.Write(AlarmRecord.of(alarm, before.notifications() + sent, before.version()), false));
    });
    return new AlarmCommit(writes, timeline, rows);
  }

  /** The timeline lines of one decision, in the store's kinds. */
  private List<TimelineEntry> entries(AlarmDecision d) {
    if (d instanceof AlarmTransition t) {
      return List.of(new TimelineEntry(ids.get(), t.alarm().id(), t.entry().at(), TimelineEntry.Kind.TRANSITION,
          t.from(), t.to(), t.entry().actor(), t.entry().note(), Map.of()));
    }
    if (d instanceof FlagChange f) {
      return List.of(note(f.entry(), f.entry().kind().wireName()));
    }
    if (d instanceof StopRequest s) {
      return List.of(note(s.entry(), s.entry().kind().wireName()));
    }
    NotificationIntent intent = (NotificationIntent) d;
    TimelineEntry.Kind kind = intent.kind() == NotificationIntent.Kind.ESCALATION ? TimelineEntry.Kind.ESCALATION
        : TimelineEntry.Kind.NOTIFICATION;
    return intent.entries().stream().map(e -> new TimelineEntry(ids.get(), e.alarmId(), e.at(), kind, null, null,
        e.actor(), e.note(), Map.of("kind", intent.kind().wireName(), "channels", intent.channels(),
            "tier", intent.tier()))).toList();
  }

  private TimelineEntry note(io.vigil.domain.alarm.TimelineEntry e, String what) {
    return new TimelineEntry(ids.get(), e.alarmId(), e.at(), TimelineEntry.Kind.NOTE, null, null, e.actor(), e.note(),
        Map.of("kind", what));
  }

  /** One outbox row per channel; its id is the message's, so a receiver drops a repeated delivery. */
  private List<OutboxMessage> rows(NotificationIntent intent) {
    List<OutboxMessage> rows = new ArrayList<>(intent.channels().size());
    String key = key(intent);
    String alarmId = intent.alarms().get(0).id();
    for (String channel : intent.channels()) {
      String id = ids.get();
      String payload = NotificationJson.toJson(AlarmNotifications.of(id, intent, node, externalUrl.get())).encode();
      rows.add(OutboxMessage.pending(id, channel, alarmId, key + "/" + channel, payload, clock.instant()));
    }
    return rows;
  }

  /**
   * The message's stable key: the engine's key of its one alarm ({@code <alarm id>/firing}), or a digest of its
   * alarms' keys when it groups several. A new leader that decides the same message again gets the same key, and
   * the outbox keeps one.
   */
  static String key(NotificationIntent intent) {
    if (intent.keys().size() == 1) return intent.keys().get(0);
    List<String> keys = new ArrayList<>(intent.keys());
    keys.sort(null);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", keys)
          .getBytes(StandardCharsets.UTF_8));
      return "group/" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
