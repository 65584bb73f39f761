package io.vigil.queue;

import io.vigil.domain.Task;

import java.time.Instant;

/** A leased task: {@code task} is active and its attempt already counted. */
public record ClaimedTask(Task task, String leaseToken, Instant leaseDeadline) {
  public Lease lease() {
    return new Lease(task.id(), task.queue(), leaseToken);
  }

  /** The same lease with the deadline it was extended to. */
  public ClaimedTask withLeaseDeadline(Instant deadline) {
    return deadline.equals(leaseDeadline) ? this : new ClaimedTask(task, leaseToken, deadline);
  }
}
