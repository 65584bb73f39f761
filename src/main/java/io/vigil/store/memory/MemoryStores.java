package io.vigil.store.memory;

import io.vigil.store.Stores;

/** Every store on the heap, sharing one bound per table. */
public final class MemoryStores {
  private MemoryStores() {}

  public static Stores create(int maxRows) {
    MemoryBackend backend = new MemoryBackend(maxRows);
    MemoryOutboxStore outbox = new MemoryOutboxStore(backend);
    return new Stores(backend, new MemoryTaskHistoryStore(backend), new MemoryAuditStore(backend),
        new MemorySystemConfigStore(), new MemoryAlarmStore(backend, outbox), new MemorySilenceStore(backend),
        outbox, new MemoryRecoveryStore(backend), new MemoryProbeRollupStore(backend),
        new MemoryScheduleStore(backend));
  }
}
