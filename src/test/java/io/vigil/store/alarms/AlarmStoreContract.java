package io.vigil.store.alarms;

import io.vertx.core.Future;
import io.vigil.domain.Millis;
import io.vigil.domain.Severity;
import io.vigil.domain.TaskIds;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.store.StoreConflictException.Reason;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreUnavailableException;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link AlarmStore} owes the alarm engine: one open alarm per fingerprint, optimistic updates,
 * alarm and timeline written together. An implementation's test extends this and says how to build an empty store.
 */
public abstract class AlarmStoreContract {
  protected MutableClock clock;
  protected AlarmStore store;
  private TaskIds ids;

  /** A store with no rows. */
  protected abstract AlarmStore newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00.123456789Z");
    ids = new TaskIds(clock);
    store = newStore();
  }

  private AlarmRecord.Builder pending(String fingerprint) {
    return AlarmRecord.pending(ids.next(), fingerprint, "queue-backlog", Severity.WARNING, clock.instant())
        .labels(Map.of("queue", "orders", "rule", "queue-backlog"))
        .annotations(Map.of("summary", "orders backs up", "runbook", "https://runbooks.example/backlog"));
  }

  private TimelineEntry transition(AlarmRecord alarm, AlarmState from, AlarmState to) {
    return TimelineEntry.transition(ids.next(), alarm.id(), clock.instant(), from, to, "system", from + " -> " + to);
  }

  private TimelineEntry note(String alarmId, String message) {
    return new TimelineEntry(ids.next(), alarmId, clock.instant(), TimelineEntry.Kind.NOTIFICATION, null, null,
        "notifier", message, Map.of("channel", "slack", "attempt", 1));
  }

  private AlarmRecord open(String fingerprint) {
    return result(store.open(pending(fingerprint).build(), List.of()));
  }

  // ---- open --------------------------------------------------------------------------------------------

  @Test
  void anOpenedAlarmIsReadBackWithEveryFieldAtVersionOne() {
    AlarmRecord alarm = pending("fp-1").suppressed(true).silenced(true).escalationLevel(1).notifications(2)
        .lastNotifiedAt(clock.instant()).firedAt(clock.instant()).state(AlarmState.FIRING).build();
    TimelineEntry first = TimelineEntry.transition(ids.next(), alarm.id(), clock.instant(), null, AlarmState.FIRING,
        "system", "breached");

    AlarmRecord stored = result(store.open(alarm, List.of(first)));

    AlarmRecord expected = alarm.toBuilder().version(1).build();
    assertThat(stored).isEqualTo(expected);
    assertThat(result(store.find(alarm.id()))).contains(expected);
    assertThat(stored.startedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z")); // kept to the millisecond
    assertThat(result(store.timeline(alarm.id(), 10))).containsExactly(first);
  }

  @Test
  void aSecondOpenAlarmWithTheSameFingerprintIsAConflictNamingTheFirst() {
    AlarmRecord first = open("fp-1");
    AlarmRecord second = pending("fp-1").build();

    Throwable error = failure(store.open(second, List.of(transition(second, null, AlarmState.PENDING))));

    assertThat(error).isInstanceOf(StoreConflictException.class);
    assertThat(((StoreConflictException) error).reason()).isEqualTo(Reason.ALREADY_OPEN);
    assertThat(((StoreConflictException) error).existingId()).isEqualTo(first.id());
    assertThat(result(store.find(second.id()))).isEmpty();
    assertThat(result(store.timeline(second.id(), 10))).isEmpty();
  }

  @Test
  void twoOpensOfOneFingerprintAtOnceLeaveExactlyOneOpenAlarm() {
    List<Future<AlarmRecord>> racing = new ArrayList<>();
    for (int i = 0; i < 4; i++) racing.add(store.open(pending("fp-race").build(), List.of()));

    long opened = racing.stream().filter(f -> {
      try {
        result(f);
        return true;
      } catch (StoreConflictException e) {
        return false;
      }
    }).count();

    assertThat(opened).isEqualTo(1);
    assertThat(result(store.list(AlarmQuery.open(100)))).hasSize(1);
  }

  @Test
  void openOrGetAnswersTheOpenAlarmAndLeavesItsTimelineAlone() {
    AlarmRecord first = open("fp-1");
    AlarmRecord again = pending("fp-1").build();

    AlarmStore.Opened opened = result(store.openOrGet(again, List.of(transition(again, null, AlarmState.PENDING))));
    AlarmStore.Opened fresh = result(store.openOrGet(pending("fp-2").build(), List.of()));

    assertThat(opened.created()).isFalse();
    assertThat(opened.alarm()).isEqualTo(first);
    assertThat(result(store.timeline(first.id(), 10))).isEmpty();
    assertThat(fresh.created()).isTrue();
  }

  @Test
  void aResolvedAlarmDoesNotBlockANewOneWithItsFingerprint() {
    AlarmRecord first = open("fp-1");
    clock.advance(Duration.ofMinutes(5));
    result(store.update(first.toBuilder().state(AlarmState.RESOLVED).resolvedAt(clock.instant()).resolvedBy("system")
        .updatedAt(clock.instant()).build(), List.of()));

    AlarmRecord second = open("fp-1");

    assertThat(result(store.findOpen("fp-1"))).contains(second);
    assertThat(result(store.find(first.id())).orElseThrow().state()).isEqualTo(AlarmState.RESOLVED);
  }

  @Test
  void anOpenWhoseTimelineNamesAnUnknownAlarmIsRefusedWhole() {
    AlarmRecord alarm = pending("fp-1").build();

    Throwable error = failure(store.open(alarm, List.of(transition(alarm, null, AlarmState.PENDING),
        note(ids.next(), "for nobody"))));

    assertThat(error).isNotInstanceOf(StoreUnavailableException.class).isNotInstanceOf(StoreConflictException.class);
    assertThat(result(store.find(alarm.id()))).isEmpty();
    assertThat(result(store.findOpen("fp-1"))).isEmpty();
  }

  // ---- update ------------------------------------------------------------------------------------------

  @Test
  void anUpdateOnTheVersionItReadIsWrittenWithItsTimelineAndMovesTheVersionOn() {
    AlarmRecord pending = open("fp-1");
    clock.advance(Duration.ofSeconds(30));
    Instant now = clock.instant();
    AlarmRecord firing = pending.toBuilder().state(AlarmState.FIRING).firedAt(now).severity(Severity.CRITICAL)
        .labels(Map.of("queue", "orders", "tier", "1")).notifications(1).lastNotifiedAt(now).updatedAt(now).build();
    TimelineEntry fired = transition(pending, AlarmState.PENDING, AlarmState.FIRING);

    AlarmRecord stored = result(store.update(firing, List.of(fired)));

    assertThat(stored).isEqualTo(firing.toBuilder().version(2).build());
    assertThat(result(store.find(pending.id()))).contains(stored);
    assertThat(result(store.timeline(pending.id(), 10))).containsExactly(fired);
  }

  @Test
  void anUpdateNeverChangesTheFingerprintRuleOrStart() {
    AlarmRecord alarm = open("fp-1");

    AlarmRecord stored = result(store.update(alarm.toBuilder().fingerprint("fp-other").rule("other")
        .startedAt(clock.instant().plusSeconds(60)).build(), List.of()));

    assertThat(stored.fingerprint()).isEqualTo("fp-1");
    assertThat(stored.rule()).isEqualTo("queue-backlog");
    assertThat(stored.startedAt()).isEqualTo(alarm.startedAt());
    assertThat(result(store.findOpen("fp-1"))).contains(stored);
  }

  @Test
  void anUpdateOnAStaleVersionIsAConflictAndChangesNothing() {
    AlarmRecord read = open("fp-1");
    AlarmRecord winner = result(store.update(read.toBuilder().state(AlarmState.FIRING).build(), List.of()));

    Throwable error = failure(store.update(read.toBuilder().state(AlarmState.ACKNOWLEDGED).acknowledgedBy("bob")
        .build(), List.of(transition(read, AlarmState.PENDING, AlarmState.ACKNOWLEDGED))));

    assertThat(StoreConflictException.is(error, Reason.STALE_VERSION)).as(String.valueOf(error)).isTrue();
    assertThat(result(store.find(read.id()))).contains(winner);
    assertThat(result(store.timeline(read.id(), 10))).isEmpty();
  }

  @Test
  void twoUpdatesFromOneReadAtOnceLetExactlyOneWin() {
    AlarmRecord read = open("fp-1");
    List<Future<AlarmRecord>> racing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      racing.add(store.update(read.toBuilder().escalationLevel(i + 1).build(), List.of()));
    }

    List<AlarmRecord> won = new ArrayList<>();
    for (Future<AlarmRecord> f : racing) {
      try {
        won.add(result(f));
      } catch (StoreConflictException e) {
        assertThat(e.reason()).isEqualTo(Reason.STALE_VERSION);
      }
    }

    assertThat(won).hasSize(1);
    assertThat(result(store.find(read.id()))).contains(won.get(0));
    assertThat(won.get(0).version()).isEqualTo(2);
  }

  @Test
  void updatingAnAlarmThatIsNotStoredIsAConflictSayingItIsMissing() {
    Throwable error = failure(store.update(pending("fp-1").build(), List.of()));

    assertThat(StoreConflictException.is(error, Reason.MISSING)).as(String.valueOf(error)).isTrue();
  }

  @Test
  void reopeningAResolvedAlarmWhileAnotherWithItsFingerprintIsOpenIsAConflict() {
    AlarmRecord old = open("fp-1");
    AlarmRecord resolved = result(store.update(old.toBuilder().state(AlarmState.RESOLVED)
        .resolvedAt(clock.instant()).build(), List.of()));
    AlarmRecord current = open("fp-1");

    Throwable error = failure(store.update(resolved.toBuilder().state(AlarmState.FIRING).resolvedAt(null).build(),
        List.of()));

    assertThat(StoreConflictException.is(error, Reason.ALREADY_OPEN)).as(String.valueOf(error)).isTrue();
    assertThat(((StoreConflictException) error).existingId()).isEqualTo(current.id());
    assertThat(result(store.find(old.id()))).contains(resolved);
  }

  // ---- reads -------------------------------------------------------------------------------------------

  @Test
  void alarmsAreListedNewestFirstByStateSeverityAndRule() {
    AlarmRecord a = open("fp-a");
    clock.advance(Duration.ofSeconds(1));
    AlarmRecord b = result(store.open(pending("fp-b").severity(Severity.CRITICAL).state(AlarmState.FIRING).build(),
        List.of()));
    clock.advance(Duration.ofSeconds(1));
    AlarmRecord c = result(store.open(pending("fp-c").rule("disk").state(AlarmState.RESOLVED)
        .resolvedAt(clock.instant()).build(), List.of()));
    clock.advance(Duration.ofSeconds(1));
    AlarmRecord d = result(store.open(pending("fp-d").state(AlarmState.ACKNOWLEDGED).build(), List.of()));

    assertThat(ids(new AlarmQuery(Set.of(), null, null, 100))).containsExactly(d.id(), c.id(), b.id(), a.id());
    assertThat(ids(AlarmQuery.open(100))).containsExactly(d.id(), b.id(), a.id());
    assertThat(ids(new AlarmQuery(EnumSet.of(AlarmState.FIRING, AlarmState.PENDING), null, null, 100)))
        .containsExactly(b.id(), a.id());
    assertThat(ids(new AlarmQuery(Set.of(), Severity.CRITICAL, null, 100))).containsExactly(b.id());
    assertThat(ids(new AlarmQuery(Set.of(), null, "disk", 100))).containsExactly(c.id());
    assertThat(ids(new AlarmQuery(Set.of(), null, null, 2))).containsExactly(d.id(), c.id());
  }

  @Test
  void findOpenAnswersOnlyAnAlarmThatIsOpen() {
    AlarmRecord alarm = open("fp-1");
    assertThat(result(store.findOpen("fp-1"))).contains(alarm);
    assertThat(result(store.findOpen("fp-2"))).isEmpty();

    result(store.update(alarm.toBuilder().state(AlarmState.RESOLVED).resolvedAt(clock.instant()).build(), List.of()));

    assertThat(result(store.findOpen("fp-1"))).isEmpty();
    assertThat(result(store.find("not-a-uuid"))).isEmpty();
  }

  private List<String> ids(AlarmQuery query) {
    return result(store.list(query)).stream().map(AlarmRecord::id).toList();
  }

  // ---- timeline ----------------------------------------------------------------------------------------

  @Test
  void appendedEntriesLeaveTheAlarmsVersionAndARetriedAppendNeverDuplicates() {
    AlarmRecord alarm = open("fp-1");
    clock.advance(Duration.ofSeconds(2));
    TimelineEntry later = note(alarm.id(), "sent to slack");
    clock.advance(Duration.ofSeconds(-1));
    TimelineEntry earlier = note(alarm.id(), "queued for slack");

    result(store.appendTimeline(List.of(later, earlier)));
    result(store.appendTimeline(List.of(later)));

    assertThat(result(store.timeline(alarm.id(), 10))).containsExactly(earlier, later); // oldest first
    assertThat(result(store.timeline(alarm.id(), 1))).containsExactly(earlier);
    assertThat(result(store.find(alarm.id())).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void anAppendNamingAnUnknownAlarmIsRefusedAndNothingOfItIsWritten() {
    AlarmRecord alarm = open("fp-1");

    Throwable error = failure(store.appendTimeline(List.of(note(alarm.id(), "ok"), note(ids.next(), "nobody"))));

    assertThat(error).isNotInstanceOf(StoreUnavailableException.class);
    assertThat(result(store.timeline(alarm.id(), 10))).isEmpty();
  }

  // ---- retention ---------------------------------------------------------------------------------------

  @Test
  void retentionDeletesOnlyAlarmsResolvedBeforeTheCutoffWithTheirTimelines() {
    List<AlarmRecord> old = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      AlarmRecord alarm = open("old-" + i);
      old.add(result(store.update(alarm.toBuilder().state(AlarmState.RESOLVED).resolvedAt(clock.instant()).build(),
          List.of(transition(alarm, AlarmState.PENDING, AlarmState.RESOLVED)))));
    }
    AlarmRecord stillOpen = open("open");
    clock.advance(Duration.ofDays(91));
    Instant cutoff = Millis.of(clock.instant());
    AlarmRecord recent = open("recent");
    result(store.update(recent.toBuilder().state(AlarmState.RESOLVED).resolvedAt(cutoff).build(), List.of()));

    assertThat(result(store.deleteResolvedBefore(cutoff, 2))).isEqualTo(2);
    assertThat(result(store.deleteResolvedBefore(cutoff, 2))).isEqualTo(1);
    assertThat(result(store.deleteResolvedBefore(cutoff, 2))).isZero();

    for (AlarmRecord gone : old) {
      assertThat(result(store.find(gone.id()))).isEmpty();
      assertThat(result(store.timeline(gone.id(), 10))).isEmpty();
    }
    assertThat(result(store.find(stillOpen.id()))).isPresent();
    assertThat(result(store.find(recent.id()))).isPresent();
  }
}
