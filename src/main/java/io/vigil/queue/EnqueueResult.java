package io.vigil.queue;

import io.vigil.domain.Task;

import java.util.List;

/** Either every task was placed (some perhaps as duplicates), or none was because of conflicts. */
public record EnqueueResult(List<Placed> placed, List<Conflict> conflicts) {

  /** @param duplicate true when {@code task} is the original task of a repeated idempotency key */
  public record Placed(Task task, boolean duplicate) {}

  /** @param index position in the submitted batch */
  public record Conflict(int index, String idempotencyKey, String existingTaskId) {}

  public static EnqueueResult placed(List<Placed> placed) {
    return new EnqueueResult(List.copyOf(placed), List.of());
  }

  public static EnqueueResult conflicted(List<Conflict> conflicts) {
    return new EnqueueResult(List.of(), List.copyOf(conflicts));
  }

  public boolean hasConflicts() {
    return !conflicts.isEmpty();
  }
}
