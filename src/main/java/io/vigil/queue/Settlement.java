package io.vigil.queue;

import java.time.Instant;
import java.util.List;

/**
 * What a batch of acks, failures or releases did: leases no longer held are refused and never applied.
 *
 * @param at when the backend recorded the outcomes, to the millisecond: the {@code updated_at} (and, for a
 *           finished task, the {@code finished_at}) every settled task now has; null when nothing was sent
 */
public record Settlement(int applied, List<String> refusedTaskIds, Instant at) {
  public static Settlement of(int applied, List<String> refused, Instant at) {
    return new Settlement(applied, List.copyOf(refused), at);
  }

  /** Nothing to settle: no call was made. */
  public static Settlement none() {
    return new Settlement(0, List.of(), null);
  }

  public boolean isRefused(String taskId) {
    return refusedTaskIds.contains(taskId);
  }
}
