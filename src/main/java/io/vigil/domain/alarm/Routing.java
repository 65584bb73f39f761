package io.vigil.domain.alarm;

import io.vigil.domain.Severity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where notifications go when a rule names no channels or tiers of its own: channel names and escalation tiers per
 * severity (the {@code alarms.routes} of the configuration). One more rule applies to every alarm: an alarm about a
 * notification channel (label {@code channel}) is never sent to that channel — a failing Slack webhook is reported
 * on the others.
 */
public record Routing(Map<Severity, List<String>> channels, Map<Severity, List<EscalationTier>> escalation) {
  public static final Routing NONE = new Routing(Map.of(), Map.of());
  static final String CHANNEL_LABEL = "channel";

  public Routing {
    channels = copy(channels);
    escalation = copy(escalation);
    List<String> problems = new ArrayList<>();
    channels.forEach((severity, names) -> {
      if (names.stream().anyMatch(String::isBlank)) problems.add("channels." + severity.wireName() + ": none blank");
    });
    escalation.forEach((severity, tiers) ->
        problems.addAll(EscalationTier.problems(tiers, "escalation." + severity.wireName())));
    if (!problems.isEmpty()) throw new InvalidRuleException("alarm routes", problems);
  }

  public static Routing of(Map<Severity, List<String>> channels) {
    return new Routing(channels, Map.of());
  }

  /** The base channels of an alarm of {@code rule}. */
  List<String> channelsFor(AlarmRule rule, Labels alarmLabels) {
    List<String> names = rule.channels().isEmpty() ? channels.getOrDefault(rule.severity(), List.of()) : rule.channels();
    return withoutOwnChannel(names, alarmLabels);
  }

  List<EscalationTier> escalationFor(AlarmRule rule) {
    return rule.escalation().isEmpty() ? escalation.getOrDefault(rule.severity(), List.of()) : rule.escalation();
  }

  static List<String> withoutOwnChannel(List<String> names, Labels alarmLabels) {
    String own = alarmLabels.get(CHANNEL_LABEL);
    if (own.isEmpty() || !names.contains(own)) return names;
    List<String> rest = new ArrayList<>(names);
    rest.remove(own);
    return List.copyOf(rest);
  }

  private static <T> Map<Severity, List<T>> copy(Map<Severity, List<T>> bySeverity) {
    Map<Severity, List<T>> copy = new EnumMap<>(Severity.class);
    bySeverity.forEach((severity, list) -> copy.put(severity, List.copyOf(list)));
    return Map.copyOf(copy);
  }
}
