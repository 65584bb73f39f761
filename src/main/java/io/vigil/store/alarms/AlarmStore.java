package io.vigil.store.alarms;

import io.vertx.core.Future;
import io.vigil.store.StoreConflictException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alarms and their timelines. Read-modify-write, not batched: the alarm engine (one, on the leader) reads an alarm,
 * decides, and writes it back with the version it read. Two guarantees hold whatever the number of writers:
 * <ul>
 *   <li>at most one open alarm per fingerprint — a second {@link #open} fails with
 *   {@link StoreConflictException.Reason#ALREADY_OPEN};</li>
 *   <li>an {@link #update} based on a stale read fails with {@link StoreConflictException.Reason#STALE_VERSION}
 *   (or {@code MISSING} when the alarm is gone), and changes nothing.</li>
 * </ul>
 * The alarm and the timeline entries given with it are written together (one transaction) or not at all.
 * Contract: {@code AlarmStoreContract}.
 */
public interface AlarmStore {

  /** The open alarm or the one that was there first: {@code created} says which. */
  record Opened(AlarmRecord alarm, boolean created) {}

  /**
   * Stores a new alarm (any state; {@code version} is ignored) with its first timeline entries; answers it at version
   * 1. Fails with {@code ALREADY_OPEN} (naming the open alarm's id) when the alarm is open and an open alarm with its
   * fingerprint exists.
   */
  Future<AlarmRecord> open(AlarmRecord alarm, List<TimelineEntry> timeline);

  /** {@link #open}, or the open alarm with the same fingerprint when there is one (its timeline is left alone). */
  default Future<Opened> openOrGet(AlarmRecord alarm, List<TimelineEntry> timeline) {
    return open(alarm, timeline).map(created -> new Opened(created, true)).recover(error -> {
      if (!StoreConflictException.is(error, StoreConflictException.Reason.ALREADY_OPEN)) {
        return Future.failedFuture(error);
      }
      return findOpen(alarm.fingerprint()).compose(open -> open.isPresent()
          ? Future.succeededFuture(new Opened(open.get(), false))
          : openOrGet(alarm, timeline)); // resolved in between: try again
    });
  }

  /**
   * Writes every field but {@code id}, {@code fingerprint}, {@code rule} and {@code startedAt} (which never change)
   * when the stored version is {@code alarm.version()}, and appends {@code timeline}; answers the alarm at the next
   * version. Reopening a resolved alarm while another with its fingerprint is open fails with {@code ALREADY_OPEN}.
   */
  Future<AlarmRecord> update(AlarmRecord alarm, List<TimelineEntry> timeline);

  Future<Optional<AlarmRecord>> find(String id);

  /** The open alarm with this fingerprint, if any. */
  Future<Optional<AlarmRecord>> findOpen(String fingerprint);

  /** Newest first by (started at, id). */
  Future<List<AlarmRecord>> list(AlarmQuery query);

  /**
   * Appends entries to existing alarms' timelines without touching the alarms (their versions stay): how the
   * notifier records deliveries. An entry id stored already is ignored; an unknown alarm id is refused.
   */
  Future<Void> appendTimeline(List<TimelineEntry> entries);

  /** Oldest first by (at, id), at most {@code limit}. */
  Future<List<TimelineEntry>> timeline(String alarmId, int limit);

  /** Deletes at most {@code max} resolved alarms resolved before {@code cutoff}, with their timelines. */
  Future<Integer> deleteResolvedBefore(Instant cutoff, int max);
}
