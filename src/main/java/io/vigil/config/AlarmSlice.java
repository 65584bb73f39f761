package io.vigil.config;

import java.util.Set;

/**
 * What the alarm verticle runs on: the rules and routes, the channel names rules may use (an API rule test is checked
 * against them), and Vigil's external address for the links in the messages it queues.
 */
public record AlarmSlice(AlarmsConfig alarms, Set<String> channels, String externalUrl) {
  public AlarmSlice {
    channels = Set.copyOf(channels);
  }

  public static AlarmSlice of(VigilConfig config) {
    return new AlarmSlice(config.alarms(), config.notifications().channels().keySet(),
        config.notifications().externalUrl());
  }
}
