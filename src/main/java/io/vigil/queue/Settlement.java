package io.vigil.queue;

import java.util.List;

/** What a batch of acks, failures or releases did: leases no longer held are refused and never applied. */
public record Settlement(int applied, List<String> refusedTaskIds) {
  public static Settlement of(int applied, List<String> refused) {
    return new Settlement(applied, List.copyOf(refused));
  }

  public boolean isRefused(String taskId) {
    return refusedTaskIds.contains(taskId);
  }
}
