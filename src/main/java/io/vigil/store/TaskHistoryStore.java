package io.vigil.store;

import io.vertx.core.Future;
import io.vigil.domain.Task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finished tasks in the state they finished in. Written only by the batched {@link HistoryWriter}; read by the
 * history API. Contract: {@code TaskHistoryStoreContract}.
 *
 * <p>Failures come in two kinds, here and in every store: a {@link StoreUnavailableException} means the store cannot
 * be reached now and the same call may succeed later; anything else means the store refused the call (bad data, a
 * bug) and repeating it will not help.
 */
public interface TaskHistoryStore {

  /**
   * Upserts tasks by id. A newer state of a task replaces the older one (a replayed task finishes again); an older
   * state arriving late ({@code updatedAt} before the stored one) is ignored, so retried batches never go back in time.
   */
  Future<Void> saveTasks(List<Task> tasks);

  /** Empty for an unknown id, or one that is not a UUID. */
  Future<Optional<Task>> findTask(String id);

  /** Newest first (by id, which is creation order). */
  Future<List<Task>> findTasks(TaskHistoryQuery query);

  /** Deletes at most {@code max} tasks last updated before {@code cutoff}; answers how many went. */
  Future<Integer> deleteTasksBefore(Instant cutoff, int max);
}
