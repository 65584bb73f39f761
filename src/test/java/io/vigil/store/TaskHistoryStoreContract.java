package io.vigil.store;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.TaskJson;
import io.vigil.domain.Degraded;
import io.vigil.domain.Millis;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.TaskStatus;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link TaskHistoryStore} owes its callers. An implementation's test extends this and says how
 * to build a fresh, empty store.
 */
public abstract class TaskHistoryStoreContract {
  protected MutableClock clock;
  protected TaskHistoryStore store;
  private TaskIds ids;

  /** A store with no rows. */
  protected abstract TaskHistoryStore newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-01-01T00:00:00.123456789Z");
    ids = new TaskIds(clock);
    store = newStore();
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  protected Task finishedTask(String queue, TaskStatus status) {
    Instant now = clock.instant();
    Task task = Task.create(ids.next(), queue, "email", "{\"to\":\"a@example.com\",\"n\":[1,2]}", Priority.NORMAL,
        null, 3, "key-" + now.toEpochMilli(), now).activated(now);
    return switch (status) {
      case COMPLETED -> task.completed("{\"sent\":true}", now);
      case DEAD -> task.dead("boom", now);
      case CANCELLED -> Task.create(task.id(), queue, "email", "{}", Priority.HIGH, null, 3, null, now).cancelled(now);
      default -> throw new IllegalArgumentException(status.name());
    };
  }

  private static JsonObject json(Task task) {
    return TaskJson.toJson(task);
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static Instant millis(Instant instant) {
    return Millis.of(instant);
  }

  // ---- task history ----------------------------------------------------------------------------------

  @Test
  void aSavedTaskIsFoundByIdWithEveryField() {
    Task task = finishedTask("jobs", TaskStatus.COMPLETED);
    result(store.saveTasks(List.of(task)));

    Task found = result(store.findTask(task.id())).orElseThrow();

    assertThat(json(found)).isEqualTo(json(task.truncatedToMillis()));
    assertThat(found.updatedAt()).isEqualTo(millis(task.updatedAt()));
    assertThat(found.idempotencyKey()).isEqualTo(task.idempotencyKey());
    assertThat(found.result()).isNotNull();
  }

  @Test
  void aGroupedTaskKeepsItsGroupInHistory() {
    Task task = finishedTask("jobs", TaskStatus.COMPLETED).withGroup("tenant-7");
    Task plain = finishedTask("jobs", TaskStatus.COMPLETED);
    result(store.saveTasks(List.of(task, plain)));

    assertThat(result(store.findTask(task.id())).orElseThrow().group()).isEqualTo("tenant-7");
    assertThat(result(store.findTask(plain.id())).orElseThrow().group()).isNull();
  }

  @Test
  void aTaskCompletedFromAFallbackOrACacheKeepsItsDegradedMarkInHistory() {
    Instant now = clock.instant();
    Task cached = Task.create(ids.next(), "jobs", "email", "{}", Priority.NORMAL, null, 3, null, now).activated(now)
        .completed("{\"price\":7}", new Degraded("cache", "http:pricing:443", now.minusSeconds(90)), now);
    Task fallback = Task.create(ids.next(), "jobs", "email", "{}", Priority.NORMAL, null, 3, null, now).activated(now)
        .completed(null, new Degraded("fallback-handler", "http:pricing:443", null), now);
    Task plain = finishedTask("jobs", TaskStatus.COMPLETED);
    result(store.saveTasks(List.of(cached, fallback, plain)));

    assertThat(result(store.findTask(cached.id())).orElseThrow().degraded())
        .isEqualTo(new Degraded("cache", "http:pricing:443", millis(now.minusSeconds(90))));
    assertThat(json(result(store.findTask(fallback.id())).orElseThrow())).isEqualTo(json(fallback.truncatedToMillis()));
    assertThat(result(store.findTask(plain.id())).orElseThrow().degraded()).isNull();
  }

  @Test
  void findingDegradedTasksReturnsOnlyThoseAnsweredDegradedNewestFirst() {
    Instant now = clock.instant();
    Degraded fallback = new Degraded("fallback-handler", "http:pricing:443", null);
    Task older = Task.create(ids.next(), "jobs", "email", "{}", Priority.NORMAL, null, 3, null, now).activated(now)
        .completed(null, fallback, now);
    Task plain = finishedTask("jobs", TaskStatus.COMPLETED);
    Task newer = Task.create(ids.next(), "other", "email", "{}", Priority.NORMAL, null, 3, null, now).activated(now)
        .completed("{}", fallback, now);
    result(store.saveTasks(List.of(older, plain, newer)));

    assertThat(result(store.findTasks(new TaskHistoryQuery(null, null, 10, true)))).extracting(Task::id)
        .containsExactly(newer.id(), older.id());
    assertThat(result(store.findTasks(new TaskHistoryQuery("jobs", TaskStatus.COMPLETED, 10, true))))
        .extracting(Task::id).containsExactly(older.id());
    assertThat(result(store.findTasks(new TaskHistoryQuery(null, null, 10)))).as("without the filter").hasSize(3);
  }

  @Test
  void aDeadTaskKeepsItsLastError() {
    Task task = finishedTask("jobs", TaskStatus.DEAD);
    result(store.saveTasks(List.of(task)));

    assertThat(result(store.findTask(task.id())).orElseThrow().lastError()).isEqualTo("boom");
  }

  @Test
  void anUnknownOrMalformedTaskIdIsNotFound() {
    assertThat(result(store.findTask(ids.next()))).isEmpty();
    assertThat(result(store.findTask("not-a-uuid"))).isEmpty();
  }

  @Test
  void aReplayedTaskThatFinishesAgainReplacesItsHistory() {
    Task dead = finishedTask("jobs", TaskStatus.DEAD);
    result(store.saveTasks(List.of(dead)));
    clock.advance(Duration.ofMinutes(5));
    Instant now = clock.instant();
    Task completed = dead.replayed(now).activated(now).completed("{\"second\":true}", now);

    result(store.saveTasks(List.of(completed)));

    Task found = result(store.findTask(dead.id())).orElseThrow();
    assertThat(found.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(json(found)).isEqualTo(json(completed.truncatedToMillis()));
  }

  @Test
  void anOlderStateArrivingLateDoesNotOverwriteANewerOne() {
    Task dead = finishedTask("jobs", TaskStatus.DEAD);
    clock.advance(Duration.ofMinutes(5));
    Instant now = clock.instant();
    Task completed = dead.replayed(now).activated(now).completed("{}", now);

    result(store.saveTasks(List.of(completed)));
    result(store.saveTasks(List.of(dead)));

    assertThat(result(store.findTask(dead.id())).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aRetriedBatchKeepsOneRowPerTask() {
    List<Task> batch = List.of(finishedTask("jobs", TaskStatus.COMPLETED), finishedTask("jobs", TaskStatus.DEAD));
    result(store.saveTasks(batch));
    result(store.saveTasks(batch));

    assertThat(result(store.findTasks(new TaskHistoryQuery(null, null, 100)))).hasSize(2);
  }

  @Test
  void theSameTaskTwiceInOneBatchKeepsTheNewerState() {
    Task dead = finishedTask("jobs", TaskStatus.DEAD);
    clock.advance(Duration.ofSeconds(1));
    Instant now = clock.instant();
    Task completed = dead.replayed(now).activated(now).completed("{}", now);

    result(store.saveTasks(List.of(dead, completed)));

    assertThat(result(store.findTask(dead.id())).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void taskHistoryListsNewestFirstFilteredByQueueAndStatus() {
    List<Task> saved = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMillis(10));
      saved.add(finishedTask(i % 2 == 0 ? "jobs" : "mail", i % 3 == 0 ? TaskStatus.DEAD : TaskStatus.COMPLETED));
    }
    result(store.saveTasks(saved));

    List<Task> all = result(store.findTasks(new TaskHistoryQuery(null, null, 100)));
    assertThat(all).extracting(Task::id).containsExactlyElementsOf(reversed(saved.stream().map(Task::id).toList()));

    List<Task> jobs = result(store.findTasks(new TaskHistoryQuery("jobs", null, 100)));
    assertThat(jobs).extracting(Task::id).containsExactly(saved.get(4).id(), saved.get(2).id(), saved.get(0).id());

    List<Task> deadJobs = result(store.findTasks(new TaskHistoryQuery("jobs", TaskStatus.DEAD, 100)));
    assertThat(deadJobs).extracting(Task::id).containsExactly(saved.get(0).id());

    List<Task> dead = result(store.findTasks(new TaskHistoryQuery(null, TaskStatus.DEAD, 100)));
    assertThat(dead).extracting(Task::id).containsExactly(saved.get(3).id(), saved.get(0).id());

    assertThat(result(store.findTasks(new TaskHistoryQuery(null, null, 2)))).extracting(Task::id)
        .containsExactly(saved.get(5).id(), saved.get(4).id());
  }

  @Test
  void aTaskWhoseIdIsNotAUuidIsRefusedNotMistakenForAnOutage() {
    Task good = finishedTask("jobs", TaskStatus.COMPLETED);
    Task bad = new Task("task-1", good.queue(), good.type(), good.payload(), good.priority(), good.runAt(),
        good.attempts(), good.maxAttempts(), null, good.status(), good.createdAt(), good.updatedAt(), good.startedAt(),
        good.finishedAt(), null, null);

    Throwable error = failure(store.saveTasks(List.of(good, bad)));

    assertThat(error).isNotInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void payloadsThatAreNotObjectsRoundTrip() {
    Task object = finishedTask("jobs", TaskStatus.COMPLETED);
    Task text = new Task(ids.next(), "jobs", "t", "\"just text\"", 5, object.runAt(), 1, 1, null, TaskStatus.COMPLETED,
        object.createdAt(), object.updatedAt(), null, object.finishedAt(), null, "[1,2,3]");
    result(store.saveTasks(List.of(text)));

    Task found = result(store.findTask(text.id())).orElseThrow();
    assertThat(json(found)).isEqualTo(json(text.truncatedToMillis()));
  }

  // ---- retention -------------------------------------------------------------------------------------

  @Test
  void retentionDeletesOnlyTasksLastUpdatedBeforeTheCutoff() {
    List<Task> old = new ArrayList<>();
    for (int i = 0; i < 4; i++) old.add(finishedTask("jobs", TaskStatus.COMPLETED));
    Task replayedLater = finishedTask("jobs", TaskStatus.DEAD);
    clock.advance(Duration.ofDays(31));
    Instant cutoff = clock.instant();
    Instant now = clock.instant();
    Task recent = replayedLater.replayed(now).activated(now).completed("{}", now); // created long ago, finished now
    result(store.saveTasks(old));
    result(store.saveTasks(List.of(recent)));

    assertThat(result(store.deleteTasksBefore(cutoff, 3))).isEqualTo(3);
    assertThat(result(store.deleteTasksBefore(cutoff, 3))).isEqualTo(1);
    assertThat(result(store.deleteTasksBefore(cutoff, 3))).isZero();

    Set<String> left = new HashSet<>(result(store.findTasks(new TaskHistoryQuery(null, null, 100))).stream()
        .map(Task::id).toList());
    assertThat(left).containsExactly(recent.id());
  }
}
