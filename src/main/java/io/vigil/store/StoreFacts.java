package io.vigil.store;

import io.vertx.core.eventbus.EventBus;
import io.vigil.bus.Addresses;
import io.vigil.bus.EventFactory;
import io.vigil.bus.Facts;
import io.vigil.domain.Severity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes what the store went through. Each event lands on an audited address, so it comes back to the writer
 * and is kept like any other: the outage event waits in the buffer and is written when PostgreSQL returns.
 */
final class StoreFacts {
  private final EventBus bus;
  private final EventFactory events;
  private final String component;

  StoreFacts(EventBus bus, EventFactory events, String backend) {
    this.bus = bus;
    this.events = events;
    this.component = "store:" + backend;
  }

  void unavailable(Throwable cause, int buffered) {
    Facts.publish(bus, Addresses.STORE_UNAVAILABLE, events.create("store.unavailable", Severity.CRITICAL, component, null,
        "the store is unavailable; history and audit rows are buffered (" + buffered + " now) and retried: "
            + cause.getMessage(),
        Map.of("buffered", buffered, "error", String.valueOf(cause.getMessage()))));
  }

  void restored(Duration downtime, int buffered) {
    Facts.publish(bus, Addresses.STORE_RESTORED, events.create("store.restored", Severity.INFO, component, null,
        "the store answers again after " + downtime.toMillis() + " ms; flushing the " + buffered
            + " row(s) still buffered in order",
        Map.of("downtime_ms", downtime.toMillis(), "buffered", buffered)));
  }

  void backpressure(boolean active, int buffered, int highWater, int lowWater) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("active", active);
    details.put("buffered", buffered);
    details.put("high_water", highWater);
    details.put("low_water", lowWater);
    String message = active
        ? buffered + " rows wait for the store (high-water mark " + highWater + "): consumers pause claiming"
        : "the store's buffer drained to " + buffered + " rows: consumers claim again";
    Facts.publish(bus, Addresses.STORE_BACKPRESSURE_CHANGED, events.create(active ? "store.backpressure.on"
        : "store.backpressure.off", active ? Severity.WARNING : Severity.INFO, component, null, message, details));
  }

  /** The buffer is at its hard limit: rows are being refused. Published once per overflow episode. */
  void overflow(int refusedNow, long refusedTotal, int buffered) {
    Facts.publish(bus, Addresses.STORE_UNAVAILABLE, events.create("store.overflow", Severity.CRITICAL, component, null,
        "the store's buffer is full (" + buffered + " rows): " + refusedNow + " row(s) refused, " + refusedTotal
            + " since start; see the log for their ids",
        Map.of("refused", refusedNow, "refused_total", refusedTotal, "buffered", buffered)));
  }
}
