package io.vigil.probe;

import io.vigil.bus.Addresses;
import io.vigil.bus.ProbeJson;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/**
 * What the probes show on the live stream: every status change (kept, replayed on resume), the results as they come
 * ({@code probe.results}, ephemeral: the dashboard's sparklines), and every component on connect.
 */
public final class ProbeStream {
  private ProbeStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(
            StreamRegistration.fact(Addresses.PROBE_STATUS_CHANGED),
            StreamRegistration.ephemeral(Addresses.PROBE_RESULT_RECORDED, "probe.results", ProbeJson::toJson)),
        List.of(Addresses.PROBE_SNAPSHOT));
  }
}
