package io.vigil.schedule;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.schedule.CatchUp;
import io.vigil.domain.schedule.Overlap;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.ScheduleState;
import io.vigil.store.memory.MemoryStores;
import io.vigil.store.schedules.ScheduleStore;
import io.vigil.store.schedules.StoredSchedule;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler on a driven clock, a memory store shared by "nodes", and a queue that honours idempotency keys. */
class SchedulerTest {
  private final MutableClock clock = MutableClock.startingAt("2026-03-27T12:00:00.250Z");
  private final FakeTimers timers = new FakeTimers(clock);
  private final ScheduleStore store = MemoryStores.create(1_000).schedules();
  private final FakeQueue queue = new FakeQueue();

  /** Places one task per idempotency key, like both backends; remembers every request. */
  static final class FakeQueue implements Enqueuer {
    final Map<String, String> placed = new LinkedHashMap<>();
    final List<String> requests = new ArrayList<>();
    boolean unfinished;

    @Override
    public Future<String> submit(JsonObject request) {
      String key = request.getString("idempotency_key");
      requests.add(key);
      return Future.succeededFuture(placed.computeIfAbsent(key, k -> "task-" + (placed.size() + 1)));
    }

    @Override
    public Future<Boolean> unfinished(String taskId) {
      return Future.succeededFuture(unfinished);
    }

    List<String> keys() {
      return List.copyOf(placed.keySet());
    }
  }

  private Scheduler node(ScheduleStore on, ScheduleSpec... specs) {
    Scheduler scheduler = new Scheduler(clock, timers, on, queue);
    Map<String, ScheduleSpec> all = new LinkedHashMap<>();
    for (ScheduleSpec s : specs) all.put(s.id(), s);
    scheduler.setSchedules(all);
    return scheduler;
  }

  private static String key(String id, String due) {
    return "schedule:" + id + "@" + Instant.parse(due).toEpochMilli();
  }

  @Test
  void anEveryScheduleEnqueuesOneTaskPerDueTimeWithItsRunKey() {
    Scheduler scheduler = node(store, Schedules.every("tick", Duration.ofMinutes(1)));
    scheduler.start();

    timers.advance(Duration.ofMinutes(3));

    assertThat(queue.requests).containsExactly(key("tick", "2026-03-27T12:01:00Z"), key("tick", "2026-03-27T12:02:00Z"),
        key("tick", "2026-03-27T12:03:00Z"));
    assertThat(scheduler.state("tick")).get().extracting(ScheduleState::lastTaskId).isEqualTo("task-3");
  }

  @Test
  void withNothingScheduledTheSchedulerSetsNoTimerAndAScheduleAddedLaterStillRuns() {
    Scheduler scheduler = node(store);
    scheduler.start();
    timers.advance(Duration.ofSeconds(5));

    assertThat(timers.pending()).as("an idle leader does not wake every second for nothing").isZero();

    scheduler.setSchedules(Map.of("tick", Schedules.every("tick", Duration.ofMinutes(1))));
    timers.advance(Duration.ofMinutes(1));

    assertThat(queue.requests).containsExactly(key("tick", "2026-03-27T12:01:00Z"));
  }

  @Test
  void theTaskRequestCarriesTheTemplateAndTheRunKey() {
    JsonObject request = Scheduler.request(new io.vigil.domain.schedule.TaskTemplate("email", "mail",
        Map.of("to", "ops"), 8, 3), "schedule:s@1");

    assertThat(request).isEqualTo(new JsonObject().put("type", "email").put("payload", new JsonObject().put("to", "ops"))
        .put("idempotency_key", "schedule:s@1").put("queue", "mail").put("priority", 8).put("max_attempts", 3));
  }

  @Test
  void aLeaderChangeEnqueuesEachDueTimeOnceEvenWhenTheOldLeaderDiedBetweenEnqueueAndRecord() {
    ScheduleSpec every = Schedules.every("tick", Duration.ofMinutes(1));
    FailingAdvances dying = new FailingAdvances(store);
    Scheduler first = node(dying, every);
    first.start();
    timers.advance(Duration.ofMinutes(2).plusSeconds(1));
    dying.failing = true; // the old leader enqueues 12:03 but dies before recording it
    timers.advance(Duration.ofMinutes(1));
    first.stop();

    timers.advance(Duration.ofSeconds(2)); // the takeover
    Scheduler second = node(store, every);
    second.start();
    timers.advance(Duration.ofMinutes(2));

    assertThat(queue.requests).containsSubsequence(key("tick", "2026-03-27T12:03:00Z"),
        key("tick", "2026-03-27T12:03:00Z")); // asked again by the new leader...
    assertThat(queue.keys()).containsExactly(key("tick", "2026-03-27T12:01:00Z"), key("tick", "2026-03-27T12:02:00Z"),
        key("tick", "2026-03-27T12:03:00Z"), key("tick", "2026-03-27T12:04:00Z"),
        key("tick", "2026-03-27T12:05:00Z")); // ...but placed once
  }

  @Test
  void twoNodesThatBothBelieveTheyLeadRecordEachDueTimeOnce() {
    ScheduleSpec every = Schedules.every("tick", Duration.ofMinutes(1));
    node(store, every).start();
    node(store, every).start();

    timers.advance(Duration.ofMinutes(3));

    assertThat(queue.keys()).hasSize(3);
  }

  @Test
  void withCatchUpOneTheDueTimeMissedWhileNoNodeRanIsEnqueuedOnceOnReturn() {
    ScheduleSpec every = Schedules.every("tick", Duration.ofMinutes(1));
    Scheduler before = node(store, every);
    before.start();
    timers.advance(Duration.ofMinutes(1));
    before.stop();

    timers.advance(Duration.ofMinutes(10)); // every node down
    node(store, every).start();
    timers.runDue();
    timers.runDue();

    assertThat(queue.keys()).containsExactly(key("tick", "2026-03-27T12:01:00Z"), key("tick", "2026-03-27T12:11:00Z"));
  }

  @Test
  void withCatchUpNoneTheMissedDueTimesAreSkippedAndTheNextOneRuns() {
    ScheduleSpec every = Schedules.with(Schedules.every("tick", Duration.ofMinutes(1)), Overlap.ALLOW, CatchUp.NONE);
    Scheduler before = node(store, every);
    before.start();
    timers.advance(Duration.ofMinutes(1));
    before.stop();

    timers.advance(Duration.ofMinutes(10).plusSeconds(30));
    Scheduler after = node(store, every);
    after.start();
    timers.advance(Duration.ofSeconds(40));

    assertThat(queue.keys()).containsExactly(key("tick", "2026-03-27T12:01:00Z"), key("tick", "2026-03-27T12:12:00Z"));
    assertThat(after.state("tick")).get().extracting(ScheduleState::skipped).isEqualTo(1L);
  }

  @Test
  void withOverlapSkipNoRunIsAddedWhileThePreviousOneIsUnfinished() {
    ScheduleSpec skip = Schedules.with(Schedules.every("tick", Duration.ofMinutes(1)), Overlap.SKIP, CatchUp.ONE);
    Scheduler scheduler = node(store, skip);
    scheduler.start();
    timers.advance(Duration.ofMinutes(1));

    queue.unfinished = true;
    timers.advance(Duration.ofMinutes(2));
    queue.unfinished = false;
    timers.advance(Duration.ofMinutes(1));

    assertThat(queue.keys()).containsExactly(key("tick", "2026-03-27T12:01:00Z"), key("tick", "2026-03-27T12:04:00Z"));
    assertThat(scheduler.state("tick")).get().extracting(ScheduleState::skipped).isEqualTo(2L);
  }

  @Test
  void aScheduleSeenForTheFirstTimeStartsFromNowNotFromThePast() {
    Scheduler scheduler = node(store, Schedules.cron("daily", "0 0 * * *", "UTC"));
    scheduler.start();

    timers.advance(Duration.ofMinutes(5));

    assertThat(queue.keys()).isEmpty();
    assertThat(scheduler.state("daily")).get().extracting(ScheduleState::cursor)
        .isEqualTo(Instant.parse("2026-03-27T12:00:00.250Z"));
  }

  @Test
  void whileTheStoreFailsNothingIsEnqueuedTwiceAndItCarriesOnOnceItAnswers() {
    FailingAdvances flaky = new FailingAdvances(store);
    Scheduler scheduler = node(flaky, Schedules.every("tick", Duration.ofMinutes(1)));
    scheduler.start();
    timers.advance(Duration.ofSeconds(30));
    flaky.failing = true;

    timers.advance(Duration.ofMinutes(1)); // 12:01 enqueued, not recorded: asked again each second, placed once
    flaky.failing = false;
    timers.advance(Duration.ofSeconds(2));

    assertThat(queue.requests.size()).isGreaterThan(2);
    assertThat(queue.keys()).containsExactly(key("tick", "2026-03-27T12:01:00Z"));
    assertThat(scheduler.state("tick")).get().extracting(ScheduleState::lastDue)
        .isEqualTo(Instant.parse("2026-03-27T12:01:00Z"));
  }

  /** A store whose advances fail while {@code failing}: a node that dies (or loses PostgreSQL) before recording. */
  static final class FailingAdvances implements ScheduleStore {
    private final ScheduleStore store;
    boolean failing;

    FailingAdvances(ScheduleStore store) {
      this.store = store;
    }

    @Override
    public Future<Boolean> save(StoredSchedule schedule) {
      return store.save(schedule);
    }

    @Override
    public Future<List<StoredSchedule>> list() {
      return store.list();
    }

    @Override
    public Future<Boolean> delete(String id) {
      return store.delete(id);
    }

    @Override
    public Future<Map<String, ScheduleState>> states() {
      return store.states();
    }

    @Override
    public Future<Boolean> advance(Instant expectedCursor, ScheduleState next) {
      return failing ? Future.failedFuture("the store is down") : store.advance(expectedCursor, next);
    }
  }
}
