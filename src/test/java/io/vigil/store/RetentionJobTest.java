package io.vigil.store;

import io.vigil.domain.Event;
import io.vigil.domain.Priority;
import io.vigil.domain.Severity;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.domain.health.HealthStatus;
import io.vigil.store.alarms.AlarmRecord;
import io.vigil.store.attempts.AttemptQuery;
import io.vigil.store.attempts.RecoveryAttempt;
import io.vigil.store.memory.MemoryStores;
import io.vigil.store.outbox.Claim;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxQuery;
import io.vigil.store.rollups.ProbeRollup;
import io.vigil.store.silences.Silence;
import io.vigil.store.silences.SilenceMatcher;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

class RetentionJobTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);
  private final Stores stores = MemoryStores.create(10_000);

  private static RetentionPolicy days(int audit, int tasks) {
    return new RetentionPolicy(Duration.ofDays(audit), Duration.ofDays(tasks), Duration.ofDays(90),
        Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(30));
  }

  private void saveEvents(int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(new Event(ids.next(), clock.instant(), "x", Severity.INFO, "c", null, null, Map.of()));
    }
    result(stores.audit().saveEvents(events));
  }

  private void saveTasks(int n) {
    List<Task> tasks = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < n; i++) {
      tasks.add(Task.create(ids.next(), "q", "t", "{}", Priority.NORMAL, null, 1, null, now).activated(now)
          .completed(null, now));
    }
    result(stores.history().saveTasks(tasks));
  }

  @Test
  void oneRunDeletesEverythingPastRetentionInSmallBatchesAndKeepsTheRest() {
    saveEvents(25);
    saveTasks(12);
    clock.advance(Duration.ofDays(6));
    saveEvents(3); // six days old at the run: kept
    saveTasks(2);
    clock.advance(Duration.ofDays(2));

    RetentionJob job = new RetentionJob(stores, clock, days(7, 7), 10, 100);
    RetentionJob.Result deleted = result(job.run());

    assertThat(deleted.of("audit_events")).isEqualTo(25);
    assertThat(deleted.of("tasks")).isEqualTo(12);
    assertThat(deleted.total()).isEqualTo(37);
    assertThat(result(stores.audit().findEvents(EventQuery.latest(100))).events()).hasSize(3);
    assertThat(result(stores.history().findTasks(new TaskHistoryQuery(null, null, 100)))).hasSize(2);
  }

  @Test
  void taskHistoryHasItsOwnRetention() {
    saveEvents(1);
    saveTasks(1);
    clock.advance(Duration.ofDays(8));

    RetentionJob job = new RetentionJob(stores, clock, days(7, 30), 10, 100);
    RetentionJob.Result deleted = result(job.run());

    assertThat(deleted.of("audit_events")).isEqualTo(1);
    assertThat(deleted.of("tasks")).isZero();
  }

  @Test
  void aRunStopsAfterItsBatchBudgetAndTheNextRunCarriesOn() {
    saveEvents(50);
    clock.advance(Duration.ofDays(8));
    RetentionJob job = new RetentionJob(stores, clock, days(7, 7), 10, 2);

    assertThat(result(job.run()).of("audit_events")).isEqualTo(20);
    assertThat(result(job.run()).of("audit_events")).isEqualTo(20);
    assertThat(result(job.run()).of("audit_events")).isEqualTo(10);
  }

  @Test
  void eachGuardTableIsKeptForItsOwnPeriodAndWhatIsStillLiveStays() {
    Instant start = clock.instant();
    // resolved alarm (goes after 90 d) and an open one (stays)
    AlarmRecord resolved = result(stores.alarms().open(AlarmRecord.pending(ids.next(), "fp-a", "r", Severity.INFO, start)
        .state(AlarmState.RESOLVED).resolvedAt(start).build(), List.of()));
    AlarmRecord open = result(stores.alarms().open(AlarmRecord.pending(ids.next(), "fp-b", "r", Severity.INFO, start)
        .build(), List.of()));
    // an ended silence (goes with alarms, after 90 d) and a long one still live
    Silence ended = new Silence(ids.next(), List.of(new SilenceMatcher("a", SilenceMatcher.Op.EQUAL, "b")), start,
        start.plusSeconds(60), "ops", "", start, start);
    Silence live = new Silence(ids.next(), ended.matchers(), start, start.plus(Duration.ofDays(365)), "ops", "", start,
        start);
    result(stores.silences().create(ended));
    result(stores.silences().create(live));
    // a sent notification (goes after 7 d) and an unsent one (stays)
    OutboxMessage sent = OutboxMessage.pending(ids.next(), "slack", null, null, "{}", start);
    OutboxMessage unsent = OutboxMessage.pending(ids.next(), "slack", null, null, "{}", start.plusSeconds(1));
    result(stores.outbox().enqueue(sent));
    result(stores.outbox().claimDue(new Claim("n1", start, Duration.ofMinutes(1), 1, null)));
    result(stores.outbox().markSent(sent.id(), "n1", start));
    result(stores.outbox().enqueue(unsent));
    // a recovery attempt (goes after 30 d) and a roll-up (goes after 30 d)
    result(stores.recovery().save(RecoveryAttempt.started(ids.next(), null, "db", "reconnect", "manual", "ops", start)
        .finished(start.plusSeconds(1), true, null)));
    result(stores.rollups().merge(List.of(ProbeRollup.check("db", start, false, HealthStatus.HEALTHY, 3.0))));

    RetentionJob job = new RetentionJob(stores, clock, days(7, 30), 10, 100);
    clock.advance(Duration.ofDays(8));
    RetentionJob.Result afterEightDays = result(job.run());
    clock.advance(Duration.ofDays(23));
    RetentionJob.Result afterThirtyOne = result(job.run());
    clock.advance(Duration.ofDays(60));
    RetentionJob.Result afterNinetyOne = result(job.run());

    assertThat(afterEightDays.of("notification_outbox")).isEqualTo(1);
    assertThat(afterEightDays.of("recovery_attempts") + afterEightDays.of("probe_rollups")).isZero();
    assertThat(afterThirtyOne.of("recovery_attempts")).isEqualTo(1);
    assertThat(afterThirtyOne.of("probe_rollups")).isEqualTo(1);
    assertThat(afterThirtyOne.of("alarms") + afterThirtyOne.of("silences")).isZero();
    assertThat(afterNinetyOne.of("alarms")).isEqualTo(1);
    assertThat(afterNinetyOne.of("silences")).isEqualTo(1);

    assertThat(result(stores.alarms().find(resolved.id()))).isEmpty();
    assertThat(result(stores.alarms().find(open.id()))).isPresent();
    assertThat(result(stores.silences().find(live.id()))).isPresent();
    assertThat(result(stores.outbox().list(new OutboxQuery(null, null, null, 10)))).extracting(OutboxMessage::id)
        .containsExactly(unsent.id());
    assertThat(result(stores.recovery().list(new AttemptQuery(null, null, 10)))).isEmpty();
  }
}
