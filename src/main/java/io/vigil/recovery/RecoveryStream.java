package io.vigil.recovery;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What recovery shows on the live stream: runs, attempts, escalations and failovers, and the running plans on connect. */
public final class RecoveryStream {
  private RecoveryStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(StreamRegistration.fact(Addresses.RECOVERY_ATTEMPT_FINISHED),
            StreamRegistration.fact(Addresses.RECOVERY_RUN_CHANGED),
            StreamRegistration.fact(Addresses.RECOVERY_ESCALATED),
            StreamRegistration.fact(Addresses.RECOVERY_TARGET_SWITCHED)),
        List.of(Addresses.RECOVERY_SNAPSHOT));
  }
}
