package io.vigil.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.domain.Event;
import io.vigil.domain.Task;
import io.vigil.store.memory.MemoryStores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A memory store of history, audit and system config a test can take down, make hang, or make refuse certain ids;
 * it records what each write carried. {@link #stores()} puts it beside memory stores for the rest.
 */
public final class ScriptedStore implements StoreBackend, TaskHistoryStore, AuditStore, SystemConfigStore {
  public enum Mode { UP, DOWN, HANG }

  private final Stores memory = MemoryStores.create(1_000_000);
  private final Stores stores = new Stores(this, this, this, this, memory.alarms(), memory.silences(), memory.outbox(),
      memory.recovery(), memory.rollups(), memory.schedules());
  private volatile Mode mode = Mode.UP;
  private final Set<String> poisoned = new HashSet<>();
  /** Ids in the order the store received them (failed attempts included). */
  public final List<String> attempted = new ArrayList<>();
  /** Sizes of the writes that succeeded. */
  public final List<Integer> writes = new ArrayList<>();
  public int pings;
  public final List<Promise<Void>> hanging = new ArrayList<>();

  /** Every store, with this one as backend, history, audit and config. */
  public Stores stores() {
    return stores;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  public void poison(String id) {
    poisoned.add(id);
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Future<Void> migrate() {
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> saveTasks(List<Task> tasks) {
    tasks.forEach(t -> attempted.add(t.id()));
    return gate(tasks.stream().map(Task::id).toList()).compose(v -> memory.history().saveTasks(tasks))
        .onSuccess(v -> writes.add(tasks.size()));
  }

  @Override
  public synchronized Future<Void> saveEvents(List<Event> events) {
    events.forEach(e -> attempted.add(e.id()));
    return gate(events.stream().map(Event::id).toList()).compose(v -> memory.audit().saveEvents(events))
        .onSuccess(v -> writes.add(events.size()));
  }

  private Future<Void> gate(List<String> ids) {
    switch (mode) {
      case DOWN:
        return Future.failedFuture(new StoreUnavailableException("connection refused", null));
      case HANG:
        Promise<Void> never = Promise.promise();
        hanging.add(never);
        return never.future();
      default:
        for (String id : ids) {
          if (poisoned.contains(id)) return Future.failedFuture(new IllegalArgumentException("bad row " + id));
        }
        return Future.succeededFuture();
    }
  }

  public List<Task> tasks() {
    return io.vigil.testing.Await.result(memory.history().findTasks(new TaskHistoryQuery(null, null, 1_000_000)));
  }

  public List<Event> events() {
    return io.vigil.testing.Await.result(memory.audit().findEvents(EventQuery.latest(1_000_000))).events();
  }

  @Override
  public Future<Optional<Task>> findTask(String id) {
    return mode == Mode.UP ? memory.history().findTask(id) : down();
  }

  @Override
  public Future<List<Task>> findTasks(TaskHistoryQuery query) {
    return mode == Mode.UP ? memory.history().findTasks(query) : down();
  }

  @Override
  public Future<EventPage> findEvents(EventQuery query) {
    return mode == Mode.UP ? memory.audit().findEvents(query) : down();
  }

  @Override
  public Future<Optional<ConfigEntry>> readConfig(String key) {
    return mode == Mode.UP ? memory.config().readConfig(key) : down();
  }

  @Override
  public Future<Void> writeConfig(ConfigEntry entry) {
    return mode == Mode.UP ? memory.config().writeConfig(entry) : down();
  }

  @Override
  public Future<Integer> deleteEventsBefore(Instant cutoff, int max) {
    return mode == Mode.UP ? memory.audit().deleteEventsBefore(cutoff, max) : down();
  }

  @Override
  public Future<Integer> deleteTasksBefore(Instant cutoff, int max) {
    return mode == Mode.UP ? memory.history().deleteTasksBefore(cutoff, max) : down();
  }

  @Override
  public synchronized Future<Void> ping() {
    pings++;
    return mode == Mode.UP ? Future.succeededFuture() : mode == Mode.DOWN ? down() : Promise.<Void>promise().future();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private static <T> Future<T> down() {
    return Future.failedFuture(new StoreUnavailableException("connection refused", null));
  }
}
