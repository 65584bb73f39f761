package io.vigil.store;

import io.vigil.domain.Event;
import io.vigil.domain.Priority;
import io.vigil.domain.Severity;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.store.memory.MemoryStores;
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
  private final Stores store = MemoryStores.create(10_000);

  private void saveEvents(int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(new Event(ids.next(), clock.instant(), "x", Severity.INFO, "c", null, null, Map.of()));
    }
    result(store.audit().saveEvents(events));
  }

  private void saveTasks(int n) {
    List<Task> tasks = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < n; i++) {
      tasks.add(Task.create(ids.next(), "q", "t", "{}", Priority.NORMAL, null, 1, null, now).activated(now)
          .completed(null, now));
    }
    result(store.history().saveTasks(tasks));
  }

  @Test
  void oneRunDeletesEverythingPastRetentionInSmallBatchesAndKeepsTheRest() {
    saveEvents(25);
    saveTasks(12);
    clock.advance(Duration.ofDays(6));
    saveEvents(3); // six days old at the run: kept
    saveTasks(2);
    clock.advance(Duration.ofDays(2));

    RetentionJob job = new RetentionJob(store, clock, Duration.ofDays(7), Duration.ofDays(7), 10, 100);
    RetentionJob.Result deleted = result(job.run());

    assertThat(deleted).isEqualTo(new RetentionJob.Result(25, 12));
    assertThat(result(store.audit().findEvents(EventQuery.latest(100))).events()).hasSize(3);
    assertThat(result(store.history().findTasks(new TaskHistoryQuery(null, null, 100)))).hasSize(2);
  }

  @Test
  void taskHistoryHasItsOwnRetention() {
    saveEvents(1);
    saveTasks(1);
    clock.advance(Duration.ofDays(8));

    RetentionJob job = new RetentionJob(store, clock, Duration.ofDays(7), Duration.ofDays(30), 10, 100);

    assertThat(result(job.run())).isEqualTo(new RetentionJob.Result(1, 0));
  }

  @Test
  void aRunStopsAfterItsBatchBudgetAndTheNextRunCarriesOn() {
    saveEvents(50);
    clock.advance(Duration.ofDays(8));
    RetentionJob job = new RetentionJob(store, clock, Duration.ofDays(7), Duration.ofDays(7), 10, 2);

    assertThat(result(job.run()).events()).isEqualTo(20);
    assertThat(result(job.run()).events()).isEqualTo(20);
    assertThat(result(job.run()).events()).isEqualTo(10);
  }
}
