package io.vigil.store;

import io.vertx.core.eventbus.EventBus;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.fact.StoreBackpressureChanged;
import io.vigil.domain.fact.StoreOverflowed;
import io.vigil.domain.fact.StoreRestored;
import io.vigil.domain.fact.StoreUnavailable;

import java.time.Duration;

/**
 * Publishes what the store went through. Each fact lands on an audited address, so it comes back to the writer
 * and is kept like any other: the outage fact waits in the buffer and is written when PostgreSQL returns.
 */
final class StoreFacts {
  private final EventBus bus;
  private final Stamps stamps;
  private final String backend;

  StoreFacts(EventBus bus, Stamps stamps, String backend) {
    this.bus = bus;
    this.stamps = stamps;
    this.backend = backend;
  }

  void unavailable(Throwable cause, int buffered) {
    Facts.publish(bus, Addresses.STORE_UNAVAILABLE, new StoreUnavailable(stamps.next(), backend, buffered,
        String.valueOf(cause.getMessage())));
  }

  void restored(Duration downtime, int buffered) {
    Facts.publish(bus, Addresses.STORE_RESTORED, new StoreRestored(stamps.next(), backend, downtime.toMillis(), buffered));
  }

  void backpressure(boolean active, int buffered, int highWater, int lowWater) {
    Facts.publish(bus, Addresses.STORE_BACKPRESSURE_CHANGED, new StoreBackpressureChanged(stamps.next(), backend, active,
        buffered, highWater, lowWater));
  }

  /** The buffer is at its hard limit: rows are being refused. Published once per overflow episode. */
  void overflow(int refusedNow, long refusedTotal, int buffered) {
    Facts.publish(bus, Addresses.STORE_OVERFLOWED, new StoreOverflowed(stamps.next(), backend, refusedNow, refusedTotal,
        buffered));
  }
}
