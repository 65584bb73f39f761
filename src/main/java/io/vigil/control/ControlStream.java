package io.vigil.control;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What the system mode shows on the live stream: an operator's switches, this node's fallback, and the mode now. */
public final class ControlStream {
  private ControlStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(
        StreamRegistration.fact(Addresses.SYSTEM_MODE_CHANGED),
        StreamRegistration.fact(Addresses.SYSTEM_FALLBACK_CHANGED)),
        List.of(Addresses.SYSTEM_SNAPSHOT));
  }
}
