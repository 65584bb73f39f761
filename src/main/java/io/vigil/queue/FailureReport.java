package io.vigil.queue;

import java.time.Instant;

/** @param retryAt when to try again; null sends the task to the dead-letter queue */
public record FailureReport(Lease lease, String error, Instant retryAt) {
  public boolean deadLetter() {
    return retryAt == null;
  }
}
