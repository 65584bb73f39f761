package io.vigil.store;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Event;
import io.vigil.domain.Millis;
import io.vigil.domain.Severity;
import io.vigil.domain.TaskIds;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link AuditStore} owes its callers. An implementation's test extends this and says how
 * to build a fresh, empty store.
 */
public abstract class AuditStoreContract {
  protected MutableClock clock;
  protected AuditStore store;
  private TaskIds ids;

  /** A store with no rows. */
  protected abstract AuditStore newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-01-01T00:00:00.123456789Z");
    ids = new TaskIds(clock);
    store = newStore();
  }

  protected Event event(String type, Severity severity, String component) {
    return new Event(ids.next(), clock.instant(), type, severity, component, "alice", type + " happened",
        Map.of("reason", "maintenance", "count", 3, "nested", Map.of("ok", true), "list", List.of("a", "b")));
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static Instant millis(Instant instant) {
    return Millis.of(instant);
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
    assertThat(found.time()).isEqualTo(millis(event.time()));
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
}
