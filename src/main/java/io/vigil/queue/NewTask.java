package io.vigil.queue;

import io.vigil.domain.Task;

/**
 * A task to add, as built at submit.
 *
 * @param fingerprint hash of what was submitted (type, queue, payload); decides whether a repeated idempotency
 *                    key is a duplicate (same) or a conflict (different)
 */
public record NewTask(Task task, String fingerprint) {
  /** This task with its times cut to the millisecond (itself when they already are). */
  public NewTask truncatedToMillis() {
    Task cut = task.truncatedToMillis();
    return cut == task ? this : new NewTask(cut, fingerprint);
  }
}
