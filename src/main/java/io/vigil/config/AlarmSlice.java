package io.vigil.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the alarm verticle runs on: the rules and routes, the channel names rules may use (an API rule test is checked
 * against them), Vigil's external address for the links in the messages it queues, and each component's probe type
 * (the {@code kind} label of its {@code component.status} series, which the built-in rules select on).
 */
public record AlarmSlice(AlarmsConfig alarms, Set<String> channels, String externalUrl,
                         Map<String, String> probeTypes) {
  public AlarmSlice {
    channels = Set.copyOf(channels);
    probeTypes = Map.copyOf(probeTypes);
  }

  public static AlarmSlice of(VigilConfig config) {
    Map<String, String> types = new LinkedHashMap<>();
    config.components().forEach((id, c) -> {
      if (c.probe() != null) types.put(id, c.probe().type());
    });
    return new AlarmSlice(config.alarms(), config.notifications().channels().keySet(),
        config.notifications().externalUrl(), types);
  }
}
