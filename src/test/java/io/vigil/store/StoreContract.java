package io.vigil.store;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.TaskJson;
import io.vigil.domain.Event;
import io.vigil.domain.Priority;
import io.vigil.domain.Severity;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.TaskStatus;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link Store} owes its callers. An implementation's test extends this and says how to build
 * a fresh, empty store.
 */
public abstract class StoreContract {
  protected MutableClock clock;
  protected Store store;
  private TaskIds ids;

  /** A store with no rows. */
  protected abstract Store newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-01-01T00:00:00.123456789Z");
    ids = new TaskIds(clock);
    store = newStore();
    result(store.migrate());
  }

  @AfterEach
  void closeStore() {
    result(store.close());
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

  protected Event event(String type, Severity severity, String component) {
    return new Event(ids.next(), clock.instant(), type, severity, component, "alice", type + " happened",
        Map.of("reason", "maintenance", "count", 3, "nested", Map.of("ok", true), "list", List.of("a", "b")));
  }

  private static JsonObject json(Task task) {
    return TaskJson.toJson(task);
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static Instant micros(Instant instant) {
    return Micros.truncate(instant);
  }

  // ---- task history ----------------------------------------------------------------------------------

  @Test
  void aSavedTaskIsFoundByIdWithEveryField() {
    Task task = finishedTask("jobs", TaskStatus.COMPLETED);
    result(store.saveTasks(List.of(task)));

    Task found = result(store.findTask(task.id())).orElseThrow();

    assertThat(json(found)).isEqualTo(json(Micros.truncate(task)));
    assertThat(found.updatedAt()).isEqualTo(micros(task.updatedAt()));
    assertThat(found.idempotencyKey()).isEqualTo(task.idempotencyKey());
    assertThat(found.result()).isNotNull();
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
    assertThat(json(found)).isEqualTo(json(Micros.truncate(completed)));
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
    assertThat(json(found)).isEqualTo(json(Micros.truncate(text)));
  }

  // ---- audit events ----------------------------------------------------------------------------------

  @Test
  void aSavedEventIsReadBackWithItsDetails() {
    Event event = event("queue.paused", Severity.WARNING, "queue:jobs");
    result(store.saveEvents(List.of(event)));

    EventPage page = result(store.findEvents(EventQuery.latest(10)));

    assertThat(page.events()).hasSize(1);
    Event found = page.events().get(0);
    assertThat(found.id()).isEqualTo(event.id());
    assertThat(found.time()).isEqualTo(micros(event.time()));
    assertThat(found.type()).isEqualTo("queue.paused");
    assertThat(found.severity()).isEqualTo(Severity.WARNING);
    assertThat(found.component()).isEqualTo("queue:jobs");
    assertThat(found.actor()).isEqualTo("alice");
    assertThat(found.message()).isEqualTo("queue.paused happened");
    assertThat(new JsonObject(found.details())).isEqualTo(new JsonObject(event.details()));
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void anEventIdAlreadyStoredIsIgnoredSoRetriesNeverDuplicate() {
    Event event = event("task.dead_lettered", Severity.WARNING, "queue:jobs");
    result(store.saveEvents(List.of(event, event)));
    result(store.saveEvents(List.of(event)));

    assertThat(result(store.findEvents(EventQuery.latest(10))).events()).hasSize(1);
  }

  @Test
  void eventsAreFilteredByTypeSeverityComponentAndTimeRange() {
    Event first = event("queue.paused", Severity.WARNING, "queue:jobs");
    clock.advance(Duration.ofMinutes(1));
    Event second = event("store.unavailable", Severity.CRITICAL, "store");
    clock.advance(Duration.ofMinutes(1));
    Event third = event("queue.resumed", Severity.INFO, "queue:jobs");
    result(store.saveEvents(List.of(first, second, third)));

    assertThat(ids(query("queue.paused", null, null, null, null))).containsExactly(first.id());
    assertThat(ids(query(null, Severity.CRITICAL, null, null, null))).containsExactly(second.id());
    assertThat(ids(query(null, null, "queue:jobs", null, null))).containsExactly(third.id(), first.id());
    // since is inclusive, until exclusive
    assertThat(ids(query(null, null, null, second.time(), null))).containsExactly(third.id(), second.id());
    assertThat(ids(query(null, null, null, null, second.time()))).containsExactly(first.id());
    assertThat(ids(query(null, null, null, first.time(), third.time()))).containsExactly(second.id(), first.id());
  }

  @Test
  void cursorPagingVisitsEveryEventOnceNewestFirstEvenWithinOneMicrosecond() {
    List<Event> saved = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      if (i % 5 == 0) clock.advance(Duration.ofMillis(1)); // several events share a time: the id breaks the tie
      saved.add(event("probe.failed", Severity.INFO, "probe:p" + i));
    }
    result(store.saveEvents(saved));

    List<String> visited = new ArrayList<>();
    EventQuery query = EventQuery.latest(5);
    int pages = 0;
    while (true) {
      EventPage page = result(store.findEvents(query));
      pages++;
      page.events().forEach(e -> visited.add(e.id()));
      if (page.nextCursor() == null) break;
      query = query.after(EventCursor.parse(page.nextCursor()));
    }

    assertThat(pages).isEqualTo(5);
    assertThat(visited).containsExactlyElementsOf(reversed(saved.stream().map(Event::id).toList()));
  }

  @Test
  void aFullLastPageHasNoCursorWhenNothingFollows() {
    List<Event> saved = new ArrayList<>();
    for (int i = 0; i < 4; i++) saved.add(event("x", Severity.INFO, "c"));
    result(store.saveEvents(saved));

    EventPage first = result(store.findEvents(EventQuery.latest(2)));
    EventPage second = result(store.findEvents(EventQuery.latest(2).after(EventCursor.parse(first.nextCursor()))));

    assertThat(second.events()).hasSize(2);
    assertThat(second.nextCursor()).isNull();
  }

  private EventPage query(String type, Severity severity, String component, Instant since, Instant until) {
    return result(store.findEvents(new EventQuery(type, severity, component, since, until, 100, null)));
  }

  private static List<String> ids(EventPage page) {
    return page.events().stream().map(Event::id).toList();
  }

  // ---- system config ---------------------------------------------------------------------------------

  @Test
  void configIsWrittenReadAndReplaced() {
    assertThat(result(store.readConfig("system.mode"))).isEmpty();

    result(store.writeConfig(new ConfigEntry("system.mode", "paused", "alice", clock.instant())));
    clock.advance(Duration.ofSeconds(3));
    result(store.writeConfig(new ConfigEntry("system.mode", "stopped", "bob", clock.instant())));

    Optional<ConfigEntry> entry = result(store.readConfig("system.mode"));
    assertThat(entry).contains(new ConfigEntry("system.mode", "stopped", "bob", micros(clock.instant())));
  }

  // ---- retention -------------------------------------------------------------------------------------

  @Test
  void retentionDeletesOnlyEventsOlderThanTheCutoffAtMostMaxAtATime() {
    List<Event> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) old.add(event("old", Severity.INFO, "c"));
    clock.advance(Duration.ofDays(8));
    Instant cutoff = clock.instant();
    Event atCutoff = event("edge", Severity.INFO, "c");
    clock.advance(Duration.ofSeconds(1));
    Event fresh = event("fresh", Severity.INFO, "c");
    result(store.saveEvents(old));
    result(store.saveEvents(List.of(atCutoff, fresh)));

    assertThat(result(store.deleteEventsBefore(cutoff, 3))).isEqualTo(3);
    assertThat(result(store.deleteEventsBefore(cutoff, 3))).isEqualTo(2);
    assertThat(result(store.deleteEventsBefore(cutoff, 3))).isZero();

    assertThat(ids(result(store.findEvents(EventQuery.latest(100))))).containsExactly(fresh.id(), atCutoff.id());
  }

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

  @Test
  void aReachableStoreAnswersPing() {
    result(store.ping());
  }
}
