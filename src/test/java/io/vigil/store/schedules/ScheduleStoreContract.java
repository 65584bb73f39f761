package io.vigil.store.schedules;

import io.vigil.domain.schedule.ScheduleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link ScheduleStore} owes the scheduler. An implementation's test extends this and says how to
 * build an empty store ({@link #otherNode()}: a second handle on the same data, where there is one).
 */
public abstract class ScheduleStoreContract {
  protected ScheduleStore store;

  protected abstract ScheduleStore newStore();

  /** The same data seen from another node; the memory store has only itself. */
  protected ScheduleStore otherNode() {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

  private static StoredSchedule schedule(String id, String definition) {
    return new StoredSchedule(id, definition, "alice", T0);
  }

  @Test
  void anApiScheduleIsKeptAsPostedAndListedById() {
    assertThat(result(store.save(schedule("nightly", "{\"every\":\"1h\",\"task\":{\"type\":\"email\"}}")))).isFalse();
    assertThat(result(store.save(schedule("backup", "{\"cron\":\"0 3 * * *\"}")))).isFalse();

    assertThat(result(otherNode().list())).containsExactly(
        new StoredSchedule("backup", "{\"cron\":\"0 3 * * *\"}", "alice", Instant.parse("2026-03-01T10:00:00.123Z")),
        new StoredSchedule("nightly", "{\"every\":\"1h\",\"task\":{\"type\":\"email\"}}", "alice",
            Instant.parse("2026-03-01T10:00:00.123Z")));
  }

  @Test
  void savingUnderAnIdStoredAlreadyReplacesIt() {
    result(store.save(schedule("nightly", "{\"every\":\"1h\"}")));

    boolean replaced = result(store.save(new StoredSchedule("nightly", "{\"every\":\"2h\"}", "bob", T0.plusSeconds(5))));

    assertThat(replaced).isTrue();
    assertThat(result(store.list())).singleElement().satisfies(s -> {
      assertThat(s.definition()).isEqualTo("{\"every\":\"2h\"}");
      assertThat(s.createdBy()).isEqualTo("bob");
    });
  }

  @Test
  void deletingAScheduleForgetsItAndItsState() {
    result(store.save(schedule("nightly", "{}")));
    result(store.advance(null, ScheduleState.fresh("nightly", T0)));

    assertThat(result(store.delete("nightly"))).isTrue();
    assertThat(result(store.delete("nightly"))).isFalse();
    assertThat(result(store.list())).isEmpty();
    assertThat(result(store.states())).isEmpty();
  }

  @Test
  void theFirstStateIsRecordedOnceAndThenOnlyOverTheCursorItWasReadAt() {
    ScheduleState fresh = ScheduleState.fresh("every-minute", T0);
    Instant due = Instant.parse("2026-03-01T10:01:00Z");
    ScheduleState ran = new ScheduleState("every-minute", due, due, "task-1", 0);

    assertThat(result(store.advance(null, fresh))).isTrue();
    assertThat(result(otherNode().advance(null, fresh))).as("a second first state").isFalse();
    assertThat(result(store.advance(T0, ran))).isTrue();
    assertThat(result(otherNode().advance(T0, ran))).as("a node that read the old cursor").isFalse();

    assertThat(result(otherNode().states())).containsEntry("every-minute", ran).hasSize(1);
  }

  @Test
  void statesKeepTimesToTheMillisecondAndCompareByThem() {
    Instant cursor = Instant.parse("2026-03-01T10:00:00.123Z");
    result(store.advance(null, new ScheduleState("s", T0, null, null, 0)));

    ScheduleState skipped = new ScheduleState("s", T0.plusSeconds(60), null, null, 3);
    assertThat(result(store.advance(cursor, skipped))).isTrue();

    ScheduleState read = result(store.states()).get("s");
    assertThat(read.cursor()).isEqualTo(Instant.parse("2026-03-01T10:01:00.123Z"));
    assertThat(read.lastDue()).isNull();
    assertThat(read.skipped()).isEqualTo(3);
  }
}
