package io.vigil.store;

import io.vertx.core.Future;
import io.vigil.domain.Event;
import io.vigil.domain.Task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Vigil keeps what must outlive the queue: task history, the audit log and system config. Non-blocking:
 * every method returns a {@link Future}. One contract ({@code StoreContract}) holds for every implementation.
 *
 * <p>Failures come in two kinds. A {@link StoreUnavailableException} means the store cannot be reached now and the
 * same call may succeed later (the writer buffers and retries). Anything else means the store refused the call
 * (bad data, a bug) and repeating it will not help.
 *
 * <p>Ids are UUID strings (Vigil's are time-ordered UUIDv7); times are kept to the microsecond.
 */
public interface Store {

  /** {@code pg} or {@code memory}. */
  String name();

  /** Brings the schema up to date (pg: Flyway, off the event loop); a no-op when it already is. */
  Future<Void> migrate();

  /**
   * Upserts tasks by id. A newer state of a task replaces the older one (a replayed task finishes again); an older
   * state arriving late ({@code updatedAt} before the stored one) is ignored, so retried batches never go back in time.
   */
  Future<Void> saveTasks(List<Task> tasks);

  /** Inserts events; an id already stored is ignored, so a retried batch never duplicates. */
  Future<Void> saveEvents(List<Event> events);

  Future<Optional<Task>> findTask(String id);

  /** Newest first (by id, which is creation order). */
  Future<List<Task>> findTasks(TaskHistoryQuery query);

  /** Newest first by (time, id), one page; {@link EventPage#nextCursor()} continues after its last event. */
  Future<EventPage> findEvents(EventQuery query);

  Future<Optional<ConfigEntry>> readConfig(String key);

  /** Inserts or replaces the entry with this key. */
  Future<Void> writeConfig(ConfigEntry entry);

  /** Deletes at most {@code max} events with {@code time < cutoff}; answers how many went. */
  Future<Integer> deleteEventsBefore(Instant cutoff, int max);

  /** Deletes at most {@code max} tasks last updated before {@code cutoff}; answers how many went. */
  Future<Integer> deleteTasksBefore(Instant cutoff, int max);

  /** Succeeds when the store answers. */
  Future<Void> ping();

  Future<Void> close();
}
