package io.vigil.schedule;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What schedules show on the live stream: an operator's changes. */
public final class ScheduleStream {
  private ScheduleStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(StreamRegistration.fact(Addresses.SCHEDULE_CHANGED)), List.of());
  }
}
