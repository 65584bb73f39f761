package io.vigil.store.memory;

import io.vigil.store.Stores;

/** Every store on the heap, sharing one bound per table. */
public final class MemoryStores {
  private MemoryStores() {}

  public static Stores create(int maxRows) {
    MemoryBackend backend = new MemoryBackend(maxRows);
    return new Stores(backend, new MemoryTaskHistoryStore(backend), new MemoryAuditStore(backend),
        new MemorySystemConfigStore(), new MemoryAlarmStore(backend), new MemorySilenceStore(backend),
        new MemoryOutboxStore(backend), new MemoryRecoveryStore(backend), new MemoryProbeRollupStore(backend));
  }
}
