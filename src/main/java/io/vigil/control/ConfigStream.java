package io.vigil.control;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What configuration reloads show on the live stream: every node's applied and refused reloads. */
public final class ConfigStream {
  private ConfigStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(
        StreamRegistration.fact(Addresses.CONFIG_RELOADED),
        StreamRegistration.fact(Addresses.CONFIG_RELOAD_FAILED)),
        List.of());
  }
}
