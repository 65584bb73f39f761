package io.vigil.store.alarms;

import io.vigil.domain.Severity;
import io.vigil.domain.TaskIds;
import io.vigil.domain.alarm.Alarm;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.domain.alarm.Delivery;
import io.vigil.domain.alarm.Labels;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreConflictException.Reason;
import io.vigil.store.Stores;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxQuery;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the alarm engine's one write per decision owes it on every store: alarms, timeline and outbox rows together or
 * not at all, and an alarm read back with everything a new leader needs to carry on.
 */
public abstract class AlarmCommitContract {
  protected MutableClock clock;
  protected Stores stores;
  private TaskIds ids;

  /** Stores with no rows. */
  protected abstract Stores newStores();

  @BeforeEach
  void createStores() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00.123Z");
    ids = new TaskIds(clock);
    stores = newStores();
  }

  private AlarmRecord pending(String fingerprint) {
    return AlarmRecord.pending(ids.next(), fingerprint, "queue-backup", Severity.WARNING, clock.instant())
        .labels(Map.of("queue", "orders")).metric("queue.backlog").series(Map.of("queue", "orders")).value(150)
        .valueAt(clock.instant()).build();
  }

  private TimelineEntry entry(AlarmRecord alarm, String message) {
    return new TimelineEntry(ids.next(), alarm.id(), clock.instant(), TimelineEntry.Kind.NOTE, null, null, "vigil",
        message, Map.of());
  }

  private OutboxMessage message(AlarmRecord alarm, String key) {
    return OutboxMessage.pending(ids.next(), "ops-hook", alarm.id(), key, "{\"n\":1}", clock.instant());
  }

  private List<OutboxMessage> outbox() {
    return result(stores.outbox().list(new OutboxQuery(null, null, null, 100)));
  }

  @Test
  void aCommitOpensNewAlarmsUpdatesKnownOnesAppendsTheTimelineAndQueuesTheMessagesAtOnce() {
    AlarmRecord known = result(stores.alarms().open(pending("fp-known"), List.of()));
    AlarmRecord fresh = pending("fp-new");
    AlarmRecord firing = known.toBuilder().state(AlarmState.FIRING).firedAt(clock.instant()).notified(true)
        .told(List.of("ops-hook")).build();
    TimelineEntry fired = entry(known, "fired");
    TimelineEntry opened = entry(fresh, "opened");

    List<AlarmRecord> stored = result(stores.alarms().commit(new AlarmCommit(
        List.of(new AlarmCommit.Write(fresh, true), new AlarmCommit.Write(firing, false)),
        List.of(fired, opened), List.of(message(known, known.id() + "/firing/ops-hook")))));

    assertThat(stored).extracting(AlarmRecord::version).containsExactly(1L, 2L);
    assertThat(result(stores.alarms().find(known.id())).orElseThrow().state()).isEqualTo(AlarmState.FIRING);
    assertThat(result(stores.alarms().findOpen("fp-new"))).contains(stored.get(0));
    assertThat(result(stores.alarms().timeline(known.id(), 10))).containsExactly(fired);
    assertThat(result(stores.alarms().timeline(fresh.id(), 10))).containsExactly(opened);
    assertThat(outbox()).extracting(OutboxMessage::dedupKey).containsExactly(known.id() + "/firing/ops-hook");
  }

  @Test
  void aStaleVersionAnywhereWritesNothingNeitherTheOtherAlarmsNorTheTimelineNorTheMessages() {
    AlarmRecord read = result(stores.alarms().open(pending("fp-1"), List.of()));
    AlarmRecord winner = result(stores.alarms().update(read.toBuilder().state(AlarmState.FIRING).build(), List.of()));
    AlarmRecord fresh = pending("fp-2");

    Throwable error = failure(stores.alarms().commit(new AlarmCommit(
        List.of(new AlarmCommit.Write(fresh, true),
            new AlarmCommit.Write(read.toBuilder().state(AlarmState.RESOLVED).resolvedAt(clock.instant()).build(),
                false)),
        List.of(entry(fresh, "opened"), entry(read, "resolved")), List.of(message(read, read.id() + "/resolved")))));

    assertThat(StoreConflictException.is(error, Reason.STALE_VERSION)).as(String.valueOf(error)).isTrue();
    assertThat(result(stores.alarms().find(read.id()))).contains(winner);
    assertThat(result(stores.alarms().find(fresh.id()))).isEmpty();
    assertThat(result(stores.alarms().timeline(read.id(), 10))).isEmpty();
    assertThat(outbox()).isEmpty();
  }

  @Test
  void openingAFingerprintThatIsOpenAlreadyIsAConflictNamingItAndWritesNothing() {
    AlarmRecord first = result(stores.alarms().open(pending("fp-1"), List.of()));
    AlarmRecord second = pending("fp-1");

    Throwable error = failure(stores.alarms().commit(new AlarmCommit(List.of(new AlarmCommit.Write(second, true)),
        List.of(entry(second, "opened")), List.of(message(second, second.id() + "/firing/ops-hook")))));

    assertThat(StoreConflictException.is(error, Reason.ALREADY_OPEN)).as(String.valueOf(error)).isTrue();
    assertThat(((StoreConflictException) error).existingId()).isEqualTo(first.id());
    assertThat(result(stores.alarms().find(second.id()))).isEmpty();
    assertThat(outbox()).isEmpty();
  }

  @Test
  void aMessageWhoseDedupKeyIsQueuedAlreadyIsSkippedAndTheRestIsWritten() {
    AlarmRecord alarm = result(stores.alarms().open(pending("fp-1"), List.of()));
    result(stores.outbox().enqueue(message(alarm, alarm.id() + "/firing/ops-hook")));

    result(stores.alarms().commit(new AlarmCommit(List.of(), List.of(entry(alarm, "again")),
        List.of(message(alarm, alarm.id() + "/firing/ops-hook"), message(alarm, alarm.id() + "/firing/ops-slack")))));

    assertThat(outbox()).extracting(OutboxMessage::dedupKey).containsExactlyInAnyOrder(
        alarm.id() + "/firing/ops-hook", alarm.id() + "/firing/ops-slack");
    assertThat(result(stores.alarms().timeline(alarm.id(), 10))).hasSize(1);
  }

  @Test
  void anAlarmReadBackCarriesEverythingANewLeaderNeedsToCarryOn() {
    Instant now = clock.instant();
    Alarm alarm = new Alarm(ids.next(), "3f1c9a2b7d4e5f60", "queue-backup", "queue.backlog",
        Labels.of("queue", "orders"), Labels.of("queue", "orders", "rule", "queue-backup", "severity", "critical"),
        Map.of("summary", "orders backs up"), Severity.CRITICAL, AlarmState.FIRING, 153.5, now.minusSeconds(1),
        now.minusSeconds(60), now.minusSeconds(30), null, null, null, null, false, true,
        new Delivery(true, now.minusSeconds(30), 2, now.plus(Duration.ofMinutes(20)), 1, List.of("ops-hook", "ops-mail")),
        now.minusSeconds(5), now);

    List<AlarmRecord> stored = result(stores.alarms().commit(new AlarmCommit(
        List.of(new AlarmCommit.Write(AlarmRecord.of(alarm, 4, 0), true)), List.of(), List.of())));
    AlarmRecord read = result(stores.alarms().find(alarm.id())).orElseThrow();

    assertThat(read).isEqualTo(stored.get(0));
    assertThat(read.notifications()).isEqualTo(4);
    assertThat(read.toAlarm()).isEqualTo(alarm);
  }
}
