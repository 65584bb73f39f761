package io.vigil.alarm;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What alarms show on the live stream: every transition and flag change, and the open alarms (from the leader) on connect. */
public final class AlarmStream {
  private AlarmStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(StreamRegistration.fact(Addresses.ALARM_STATE_CHANGED)),
        List.of(Addresses.ALARMS_SNAPSHOT));
  }
}
