package io.vigil.alarm;

import io.vertx.core.Future;
import io.vigil.domain.Severity;
import io.vigil.domain.TaskIds;
import io.vigil.domain.alarm.AlarmEngine;
import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.Comparison;
import io.vigil.domain.alarm.Decisions;
import io.vigil.domain.alarm.Labels;
import io.vigil.domain.alarm.Routing;
import io.vigil.domain.alarm.Sample;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreUnavailableException;
import io.vigil.store.Stores;
import io.vigil.store.alarms.AlarmCommit;
import io.vigil.store.alarms.AlarmQuery;
import io.vigil.store.alarms.AlarmRecord;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.alarms.TimelineEntry;
import io.vigil.store.memory.MemoryStores;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxQuery;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Every engine decision reaches the store whole, in order, through outages, and a lost write is reported. */
class LedgerTest {
  MutableClock clock;
  FakeTimers timers;
  Stores stores;
  FlakyAlarms alarms;
  AlarmEngine engine;
  Ledger ledger;
  final List<Set<String>> queued = new ArrayList<>();
  final List<Throwable> lost = new ArrayList<>();

  /** The memory alarm store, failing the next commits as the test says. */
  static final class FlakyAlarms implements AlarmStore {
    final AlarmStore inner;
    final List<RuntimeException> failures = new ArrayList<>();
    int commits;

    FlakyAlarms(AlarmStore inner) {
      this.inner = inner;
    }

    @Override
    public Future<List<AlarmRecord>> commit(AlarmCommit commit) {
      commits++;
      return failures.isEmpty() ? inner.commit(commit) : Future.failedFuture(failures.remove(0));
    }

    @Override
    public Future<AlarmRecord> open(AlarmRecord alarm, List<TimelineEntry> timeline) {
      return inner.open(alarm, timeline);
    }

    @Override
    public Future<AlarmRecord> update(AlarmRecord alarm, List<TimelineEntry> timeline) {
      return inner.update(alarm, timeline);
    }

    @Override
    public Future<Optional<AlarmRecord>> find(String id) {
      return inner.find(id);
    }

    @Override
    public Future<Optional<AlarmRecord>> findOpen(String fingerprint) {
      return inner.findOpen(fingerprint);
    }

    @Override
    public Future<List<AlarmRecord>> list(AlarmQuery query) {
      return inner.list(query);
    }

    @Override
    public Future<Void> appendTimeline(List<TimelineEntry> entries) {
      return inner.appendTimeline(entries);
    }

    @Override
    public Future<List<TimelineEntry>> timeline(String alarmId, int limit) {
      return inner.timeline(alarmId, limit);
    }

    @Override
    public Future<Integer> deleteResolvedBefore(Instant cutoff, int max) {
      return inner.deleteResolvedBefore(cutoff, max);
    }
  }

  @BeforeEach
  void setUp() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    timers = new FakeTimers(clock);
    stores = MemoryStores.create(1_000);
    alarms = new FlakyAlarms(stores.alarms());
    TaskIds ids = new TaskIds(clock);
    AlarmRule backlog = AlarmRule.builder("backlog").metric("queue.backlog").when(Comparison.GT, 100)
        .severity(Severity.WARNING).summary("{{queue}} backs up").groupWindow(Duration.ZERO).build();
    engine = new AlarmEngine(List.of(backlog), Routing.of(Map.of(Severity.WARNING, List.of("hook", "mail"))), clock,
        ids::next);
    ledger = new Ledger(alarms, clock, timers, ids::next, "node-a", () -> "http://vigil.example", new Ledger.Listener() {
      @Override
      public void queued(Set<String> channels) {
        queued.add(channels);
      }

      @Override
      public void lost(Throwable conflict) {
        lost.add(conflict);
      }
    });
  }

  Decisions sample(double backlog) {
    clock.advanceMillis(100);
    return engine.onSample(new Sample("queue.backlog", Labels.of("queue", "orders"), backlog, clock.instant()));
  }

  List<OutboxMessage> outbox() {
    return result(stores.outbox().list(new OutboxQuery(null, null, null, 100)));
  }

  @Test
  void aFiringAlarmIsStoredWithItsTimelineAndOneOutboxRowPerChannelAtOnce() {
    ledger.record(sample(150));

    AlarmRecord stored = result(stores.alarms().list(AlarmQuery.open(10))).get(0);
    assertThat(stored.notified()).isTrue();
    assertThat(stored.notifications()).isEqualTo(1);
    assertThat(stored.told()).containsExactly("hook", "mail");
    assertThat(outbox()).extracting(OutboxMessage::channel).containsExactlyInAnyOrder("hook", "mail");
    assertThat(outbox()).extracting(OutboxMessage::dedupKey).allMatch(k -> k.startsWith(stored.id() + "/firing/"));
    assertThat(result(stores.alarms().timeline(stored.id(), 10))).extracting(TimelineEntry::kind)
        .contains(TimelineEntry.Kind.TRANSITION, TimelineEntry.Kind.NOTIFICATION);
    assertThat(queued).containsExactly(Set.of("hook", "mail"));
  }

  @Test
  void whileTheStoreIsDownDecisionsWaitAndGoTogetherInOrderWhenItIsBack() {
    alarms.failures.add(new StoreUnavailableException("PostgreSQL is down", null));
    alarms.failures.add(new StoreUnavailableException("PostgreSQL is down", null));

    ledger.record(sample(150));
    ledger.record(sample(50));
    assertThat(outbox()).isEmpty();
    assertThat(ledger.waiting()).isPositive();
    timers.advance(Duration.ofMillis(200));
    assertThat(outbox()).as("still down").isEmpty();
    timers.advance(Duration.ofMillis(400));

    assertThat(alarms.commits).isEqualTo(3);
    assertThat(ledger.waiting()).isZero();
    AlarmRecord resolved = result(stores.alarms().list(new AlarmQuery(Set.of(), null, null, 10))).get(0);
    assertThat(resolved.isOpen()).isFalse();
    assertThat(resolved.notifications()).as("the firing and the resolve").isEqualTo(2);
    assertThat(outbox()).extracting(OutboxMessage::dedupKey).containsExactlyInAnyOrder(
        resolved.id() + "/firing/hook", resolved.id() + "/firing/mail", resolved.id() + "/resolved/hook",
        resolved.id() + "/resolved/mail");
  }

  @Test
  void aWriteThatLostToAnotherWriterIsReportedAndWhatWaitedIsDropped() {
    alarms.failures.add(new StoreConflictException(StoreConflictException.Reason.ALREADY_OPEN, "another leader", "x"));

    ledger.record(sample(150));

    assertThat(lost).singleElement().isInstanceOf(StoreConflictException.class);
    assertThat(outbox()).isEmpty();
    assertThat(ledger.waiting()).isZero();
  }
}
