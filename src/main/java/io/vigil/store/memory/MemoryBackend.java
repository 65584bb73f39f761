package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.store.StoreBackend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded backend: this process's heap, lost on exit. Each memory store keeps at most {@link #maxRows()} rows
 * per table and evicts its oldest finished rows beyond that, counted here ({@link #evicted()}), so a long run cannot
 * exhaust memory. Rows that still have work ahead of them (open alarms, unsent notifications) are never evicted: a
 * store full of them refuses new ones loudly instead.
 */
public final class MemoryBackend implements StoreBackend {
  private final int maxRows;
  private final AtomicLong evicted = new AtomicLong();

  public MemoryBackend(int maxRows) {
    if (maxRows < 1) throw new IllegalArgumentException("maxRows must be >= 1");
    this.maxRows = maxRows;
  }

  public int maxRows() {
    return maxRows;
  }

  /** Rows pushed out by the bound since start, over every memory store. */
  public long evicted() {
    return evicted.get();
  }

  void evictedOne() {
    evicted.incrementAndGet();
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Future<Void> migrate() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
