package io.vigil.config;

import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.Routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code alarms:}: the rules the engine runs (the built-in ones, as tuned or switched off, then the user's) and where
 * their messages go by severity.
 *
 * @param rules   every enabled rule, built-in ones first
 * @param routing channels and escalation tiers per severity, for rules that name none
 */
public record AlarmsConfig(List<AlarmRule> rules, Routing routing) {
  public AlarmsConfig {
    rules = List.copyOf(rules);
  }

  public Optional<AlarmRule> rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * A rule written as in the file (an API body: {@code POST /api/rules/test}), checked as the file would be; a
   * configured rule's name starts from that rule, as in the file. Throws {@link ConfigException} naming each bad key.
   */
  public AlarmRule parseRule(Map<String, Object> body, java.util.Set<String> channels) {
    return AlarmsReader.parseRule(body, this, channels);
  }
}
