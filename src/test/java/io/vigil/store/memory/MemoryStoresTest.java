package io.vigil.store.memory;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.TaskIds;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.store.AuditStore;
import io.vigil.store.AuditStoreContract;
import io.vigil.store.EventQuery;
import io.vigil.store.Stores;
import io.vigil.store.SystemConfigStore;
import io.vigil.store.SystemConfigStoreContract;
import io.vigil.store.TaskHistoryStore;
import io.vigil.store.TaskHistoryStoreContract;
import io.vigil.store.alarms.AlarmRecord;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.alarms.AlarmCommitContract;
import io.vigil.store.alarms.AlarmStoreContract;
import io.vigil.store.attempts.RecoveryStore;
import io.vigil.store.attempts.RecoveryStoreContract;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxStore;
import io.vigil.store.outbox.OutboxStoreContract;
import io.vigil.store.rollups.ProbeRollupStore;
import io.vigil.store.rollups.ProbeRollupStoreContract;
import io.vigil.store.schedules.ScheduleStore;
import io.vigil.store.schedules.ScheduleStoreContract;
import io.vigil.store.silences.SilenceStore;
import io.vigil.store.silences.SilenceStoreContract;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Every store contract on the memory stores, and the memory backend's bounds. */
class MemoryStoresTest {
  /** Room for a day of minutes per component (the uptime cases write 1,441). */
  private static Stores fresh() {
    return MemoryStores.create(10_000);
  }

  @Nested
  class History extends TaskHistoryStoreContract {
    @Override
    protected TaskHistoryStore newStore() {
      return fresh().history();
    }
  }

  @Nested
  class Schedules extends ScheduleStoreContract {
    @Override
    protected ScheduleStore newStore() {
      return fresh().schedules();
    }
  }

  @Nested
  class Audit extends AuditStoreContract {
    @Override
    protected AuditStore newStore() {
      return fresh().audit();
    }
  }

  @Nested
  class SystemConfig extends SystemConfigStoreContract {
    @Override
    protected SystemConfigStore newStore() {
      return fresh().config();
    }
  }

  @Nested
  class Alarms extends AlarmStoreContract {
    @Override
    protected AlarmStore newStore() {
      return fresh().alarms();
    }
  }

  @Nested
  class AlarmCommits extends AlarmCommitContract {
    @Override
    protected Stores newStores() {
      return fresh();
    }
  }

  @Nested
  class Silences extends SilenceStoreContract {
    @Override
    protected SilenceStore newStore() {
      return fresh().silences();
    }
  }

  @Nested
  class Outbox extends OutboxStoreContract {
    @Override
    protected OutboxStore newStore() {
      return fresh().outbox();
    }
  }

  @Nested
  class Recovery extends RecoveryStoreContract {
    @Override
    protected RecoveryStore newStore() {
      return fresh().recovery();
    }
  }

  @Nested
  class Rollups extends ProbeRollupStoreContract {
    @Override
    protected ProbeRollupStore newStore() {
      return fresh().rollups();
    }
  }

  // ---- the bounds --------------------------------------------------------------------------------------

  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);

  @Test
  void theAuditLogIsBoundedAndTheBackendCountsWhatItEvicts() {
    Stores small = MemoryStores.create(3);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.advanceMillis(1);
      events.add(new Event(ids.next(), clock.instant(), "e" + i, Severity.INFO, "c", null, null, null));
    }
    result(small.audit().saveEvents(events));

    assertThat(result(small.audit().findEvents(EventQuery.latest(10))).events()).extracting(Event::type)
        .containsExactly("e4", "e3", "e2");
    assertThat(((MemoryBackend) small.backend()).evicted()).isEqualTo(2);
  }

  @Test
  void aFullAlarmTableEvictsResolvedAlarmsButNeverAnOpenOne() {
    Stores small = MemoryStores.create(2);
    AlarmRecord resolved = result(small.alarms().open(AlarmRecord.pending(ids.next(), "a", "r", Severity.INFO,
        clock.instant()).state(AlarmState.RESOLVED).resolvedAt(clock.instant()).build(), List.of()));
    AlarmRecord open = result(small.alarms().open(AlarmRecord.pending(ids.next(), "b", "r", Severity.INFO,
        clock.instant()).build(), List.of()));
    AlarmRecord third = result(small.alarms().open(AlarmRecord.pending(ids.next(), "c", "r", Severity.INFO,
        clock.instant()).build(), List.of()));

    Throwable full = failure(small.alarms().open(AlarmRecord.pending(ids.next(), "d", "r", Severity.INFO,
        clock.instant()).build(), List.of()));

    assertThat(result(small.alarms().find(resolved.id()))).isEmpty();
    assertThat(result(small.alarms().find(open.id()))).isPresent();
    assertThat(result(small.alarms().find(third.id()))).isPresent();
    assertThat(full).isInstanceOf(IllegalStateException.class).hasMessageContaining("store.memory_max_rows");
  }

  @Test
  void aFullOutboxRefusesNewMessagesRatherThanDropAnUnsentOne() {
    Stores small = MemoryStores.create(2);
    for (int i = 0; i < 2; i++) {
      result(small.outbox().enqueue(OutboxMessage.pending(ids.next(), "slack", null, null, "m" + i, clock.instant())));
    }

    Throwable full = failure(small.outbox().enqueue(OutboxMessage.pending(ids.next(), "slack", null, null, "m2",
        clock.instant())));

    assertThat(full).isInstanceOf(IllegalStateException.class).hasMessageContaining("unsent notifications");
    assertThat(result(small.outbox().list(new io.vigil.store.outbox.OutboxQuery(null, null, null, 10)))).hasSize(2);
  }

  @Test
  void theMemoryBackendAnswersPingAndMigrate() {
    Stores stores = fresh();
    result(stores.migrate());
    result(stores.ping());
    assertThat(stores.name()).isEqualTo("memory");
  }
}
