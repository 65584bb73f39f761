package io.vigil.store;

import io.vigil.domain.Event;
import io.vigil.domain.Priority;
import io.vigil.domain.Severity;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryWriterTest {
  private static final WriterSettings SETTINGS = settings(1);

  private static WriterSettings settings(int writesInFlight) {
    return new WriterSettings(3, writesInFlight, Duration.ofMillis(200), 6, 3, 9, Duration.ofMillis(200),
        Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  private MutableClock clock;
  private FakeTimers timers;
  private ScriptedStore store;
  private TaskIds ids;
  private final List<String> heard = new ArrayList<>();
  private final List<Pending> rejected = new ArrayList<>();
  private final List<Duration> waits = new ArrayList<>();
  private final AtomicReference<HistoryWriter> self = new AtomicReference<>();
  private HistoryWriter writer;

  @BeforeEach
  void createWriter() {
    clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    timers = new FakeTimers(clock);
    store = new ScriptedStore();
    ids = new TaskIds(clock);
    createWriter(SETTINGS);
  }

  private void createWriter(WriterSettings settings) {
    writer = new HistoryWriter(store.stores(), settings, clock, timers, new WriterListener() {
      @Override
      public void unavailable(Throwable cause, int buffered) {
        heard.add("unavailable buffered=" + buffered);
        // like the verticle: the outage is itself an event worth keeping, and it arrives through the writer
        self.get().acceptEvent(event("store.unavailable"));
      }

      @Override
      public void restored(Duration downtime, int buffered) {
        heard.add("restored after " + downtime.toMillis() + "ms buffered=" + buffered);
      }

      @Override
      public void backpressure(boolean active, int buffered) {
        heard.add("backpressure " + active + " buffered=" + buffered);
      }

      @Override
      public void refused(List<? extends Pending> rows, int buffered) {
        heard.add("refused " + rows.size());
      }

      @Override
      public void rejected(Pending row, Throwable cause) {
        rejected.add(row);
      }

      @Override
      public void written(List<Pending> rows, Instant at) {
        rows.forEach(r -> waits.add(Duration.between(r.arrived(), at)));
      }
    });
    self.set(writer);
    writer.start();
  }

  private Task task() {
    Instant now = clock.instant();
    return Task.create(ids.next(), "jobs", "email", "{}", Priority.NORMAL, null, 3, null, now).activated(now)
        .completed(null, now);
  }

  private List<Task> tasks(int n) {
    List<Task> list = new ArrayList<>();
    for (int i = 0; i < n; i++) list.add(task());
    return list;
  }

  private Event event(String type) {
    return new Event(ids.next(), clock.instant(), type, Severity.CRITICAL, "store", null, type, Map.of());
  }

  @Test
  void aFullBatchIsWrittenAtOnceInOneWrite() {
    writer.acceptTasks(tasks(3));

    assertThat(store.tasks()).hasSize(3);
    assertThat(store.writes).containsExactly(3);
    assertThat(writer.buffered()).isZero();
  }

  @Test
  void aPartialBatchWaitsAtMostTheFlushInterval() {
    writer.acceptTasks(tasks(1));
    timers.advanceMillis(199);
    assertThat(store.tasks()).isEmpty();

    timers.advanceMillis(1);

    assertThat(store.tasks()).hasSize(1);
    assertThat(waits).containsExactly(Duration.ofMillis(200));
  }

  @Test
  void tasksAndEventsOfOneBatchAreWrittenTogether() {
    writer.acceptTasks(tasks(1));
    writer.acceptEvent(event("queue.paused"));
    timers.advanceMillis(200);

    assertThat(store.tasks()).hasSize(1);
    assertThat(store.events()).extracting(Event::type).containsExactly("queue.paused");
  }

  @Test
  void whileTheStoreIsDownRowsStayBufferedAndTheOutageIsReportedOnce() {
    store.mode(ScriptedStore.Mode.DOWN);
    writer.acceptTasks(tasks(3));
    timers.advance(Duration.ofSeconds(10)); // many retries

    assertThat(writer.isUp()).isFalse();
    assertThat(heard).containsExactly("unavailable buffered=3");
    assertThat(writer.buffered()).isEqualTo(4); // the three tasks and the store.unavailable event
    assertThat(writer.downSince()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(writer.retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void whenTheStoreIsBackEveryBufferedRowIsWrittenOnceInArrivalOrder() {
    store.mode(ScriptedStore.Mode.DOWN);
    List<Task> sent = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      List<Task> batch = tasks(1);
      sent.addAll(batch);
      writer.acceptTasks(batch);
      timers.advanceMillis(300);
    }
    int attemptsWhileDown = store.attempted.size();
    store.mode(ScriptedStore.Mode.UP);

    timers.advance(Duration.ofSeconds(3));

    assertThat(writer.isUp()).isTrue();
    assertThat(writer.buffered()).isZero();
    assertThat(store.tasks()).extracting(Task::id)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(Task::id).toList());
    assertThat(store.events()).extracting(Event::type).containsExactly("store.unavailable");
    List<String> afterRestore = store.attempted.subList(attemptsWhileDown, store.attempted.size());
    List<String> taskOrder = afterRestore.stream().filter(id -> sent.stream().anyMatch(t -> t.id().equals(id))).toList();
    assertThat(taskOrder).containsExactlyElementsOf(sent.stream().map(Task::id).toList());
    assertThat(heard).anyMatch(h -> h.startsWith("restored after "));
    assertThat(writer.written()).isEqualTo(5);
  }

  @Test
  void backPressureStartsAtTheHighWaterMarkAndEndsAtTheLowWaterMark() {
    store.mode(ScriptedStore.Mode.DOWN);
    writer.acceptTasks(tasks(3)); // + the store.unavailable event = 4
    assertThat(writer.backpressure()).isFalse();

    writer.acceptTasks(tasks(2)); // 6 = high water

    assertThat(writer.backpressure()).isTrue();
    assertThat(heard).contains("backpressure true buffered=6");

    store.mode(ScriptedStore.Mode.UP);
    timers.advance(Duration.ofSeconds(3));

    assertThat(heard).contains("backpressure false buffered=3");
    assertThat(writer.backpressure()).isFalse();
    assertThat(writer.buffered()).isZero();
  }

  @Test
  void atTheHardLimitRowsAreRefusedCountedAndReportedNeverSilentlyDropped() {
    store.mode(ScriptedStore.Mode.DOWN);
    writer.acceptTasks(tasks(3)); // 4 buffered with the outage event

    writer.acceptTasks(tasks(7)); // room for 5

    assertThat(writer.buffered()).isEqualTo(9);
    assertThat(writer.refused()).isEqualTo(2);
    assertThat(heard).contains("refused 2");
  }

  @Test
  void aRowTheStoreRefusesIsIsolatedAndReportedWhileTheRestOfItsBatchIsWritten() {
    List<Task> batch = tasks(3);
    store.poison(batch.get(1).id());

    writer.acceptTasks(batch);

    assertThat(store.tasks()).extracting(Task::id).containsExactlyInAnyOrder(batch.get(0).id(), batch.get(2).id());
    assertThat(rejected).extracting(Pending::id).containsExactly(batch.get(1).id());
    assertThat(writer.rejected()).isEqualTo(1);
    assertThat(writer.written()).isEqualTo(2);
    assertThat(writer.buffered()).isZero();
    assertThat(writer.isUp()).isTrue();
  }

  @Test
  void aWriteThatDoesNotAnswerCountsAsAnOutageAfterTheWriteTimeout() {
    store.mode(ScriptedStore.Mode.HANG);
    writer.acceptTasks(tasks(3));
    timers.advanceMillis(999);
    assertThat(writer.isUp()).isTrue();

    timers.advanceMillis(1);

    assertThat(writer.isUp()).isFalse();
    assertThat(heard).containsExactly("unavailable buffered=3");
  }

  @Test
  void theLateAnswerOfATimedOutWriteIsIgnoredAndTheRowsAreStillWrittenOnce() {
    store.mode(ScriptedStore.Mode.HANG);
    List<Task> batch = tasks(3);
    writer.acceptTasks(batch);
    timers.advanceMillis(1_000);
    store.mode(ScriptedStore.Mode.UP);

    store.hanging.forEach(p -> p.tryComplete()); // the first write finally answers
    timers.advance(Duration.ofSeconds(3));

    assertThat(writer.buffered()).isZero();
    assertThat(store.tasks()).hasSize(3);
    assertThat(writer.written()).isEqualTo(4); // three tasks and the outage event, each counted once
  }

  @Test
  void anIdleWriterNoticesAnOutageByPingingAndARecoveryTheSameWay() {
    store.mode(ScriptedStore.Mode.DOWN);
    timers.advance(Duration.ofSeconds(5));

    assertThat(writer.isUp()).isFalse();
    assertThat(heard).containsExactly("unavailable buffered=0");

    store.mode(ScriptedStore.Mode.UP);
    timers.advance(Duration.ofSeconds(3));

    assertThat(writer.isUp()).isTrue();
    assertThat(store.events()).extracting(Event::type).containsExactly("store.unavailable");
  }

  @Test
  void severalFullBatchesAreWrittenAtOnceUpToTheLimitInFlight() {
    createWriter(settings(2));
    store.mode(ScriptedStore.Mode.HANG);

    writer.acceptTasks(tasks(9));

    assertThat(store.hanging).hasSize(2);
    assertThat(writer.buffered()).isEqualTo(9);
  }

  @Test
  void batchesThatFailTogetherGoBackInTheirOrderAndNothingIsLost() {
    createWriter(settings(2));
    store.mode(ScriptedStore.Mode.HANG);
    List<Task> sent = tasks(6);
    writer.acceptTasks(sent);
    store.mode(ScriptedStore.Mode.DOWN);
    timers.advanceMillis(1_000); // both writes time out
    int before = store.attempted.size();
    store.mode(ScriptedStore.Mode.UP);

    timers.advance(Duration.ofSeconds(3));

    assertThat(writer.buffered()).isZero();
    assertThat(store.tasks()).extracting(Task::id)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(Task::id).toList());
    List<String> retried = store.attempted.subList(before, store.attempted.size()).stream()
        .filter(id -> sent.stream().anyMatch(t -> t.id().equals(id))).toList();
    assertThat(retried.subList(0, 3)).containsExactlyElementsOf(sent.subList(0, 3).stream().map(Task::id).toList());
    assertThat(store.events()).extracting(Event::type).containsExactly("store.unavailable");
    assertThat(writer.written()).isEqualTo(7); // six tasks and the outage event
  }

  @Test
  void drainWritesEverythingBufferedOnStop() {
    writer.acceptTasks(tasks(2));

    int left = result(writer.drain());

    assertThat(left).isZero();
    assertThat(store.tasks()).hasSize(2);
  }

  @Test
  void drainWhileTheStoreIsDownAnswersHowManyRowsAreLeft() {
    store.mode(ScriptedStore.Mode.DOWN);
    writer.acceptTasks(tasks(2));
    timers.advanceMillis(200);

    int left = result(writer.drain());

    assertThat(left).isEqualTo(3);
  }
}
