package io.vigil.store;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What the store shows on the live stream: its outages, overflow and back-pressure. */
public final class StoreStream {
  private StoreStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(
        StreamRegistration.fact(Addresses.STORE_UNAVAILABLE),
        StreamRegistration.fact(Addresses.STORE_OVERFLOWED),
        StreamRegistration.fact(Addresses.STORE_RESTORED),
        StreamRegistration.fact(Addresses.STORE_BACKPRESSURE_CHANGED)),
        List.of());
  }
}
