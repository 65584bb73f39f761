package io.vigil.notify;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What notifications show on the live stream: every delivery attempt, and each channel with the latest messages on connect. */
public final class NotifyStream {
  private NotifyStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(StreamRegistration.fact(Addresses.NOTIFY_DELIVERY_RECORDED)),
        List.of(Addresses.NOTIFICATIONS_SNAPSHOT));
  }
}
