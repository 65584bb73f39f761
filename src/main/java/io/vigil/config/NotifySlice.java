package io.vigil.config;

import io.vigil.domain.Severity;

import java.util.List;

/**
 * What the notify verticle runs on: the channels and the outbox settings, and the channels of the critical route,
 * where mode switches and the emergency stop go.
 */
public record NotifySlice(NotificationsConfig notifications, List<String> criticalChannels) {
  public NotifySlice {
    criticalChannels = List.copyOf(criticalChannels);
  }

  public static NotifySlice of(VigilConfig config) {
    return new NotifySlice(config.notifications(),
        config.alarms().routing().channels().getOrDefault(Severity.CRITICAL, List.of()));
  }
}
