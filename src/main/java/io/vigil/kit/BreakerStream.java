package io.vigil.kit;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/**
 * What this node's circuit breakers show on the live stream: every transition, every task answered degraded while a
 * breaker was open, and every breaker's state on connect.
 */
public final class BreakerStream {
  private BreakerStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(StreamRegistration.fact(Addresses.BREAKER_STATE_CHANGED),
        StreamRegistration.fact(Addresses.TASK_DEGRADED)),
        List.of(Addresses.BREAKERS_SNAPSHOT));
  }
}
