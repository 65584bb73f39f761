package io.vigil.queue;

import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;

public sealed interface CancelResult {
  record Cancelled(Task task) implements CancelResult {}

  record NotFound(String taskId) implements CancelResult {}

  /** Only waiting tasks can be cancelled; active and finished ones cannot. */
  record NotCancellable(Task task, TaskStatus status) implements CancelResult {}
}
