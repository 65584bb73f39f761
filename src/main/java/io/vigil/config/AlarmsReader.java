package io.vigil.config;

import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.Comparison;
import io.vigil.domain.alarm.DefaultRules;
import io.vigil.domain.alarm.EscalationTier;
import io.vigil.domain.alarm.InvalidRuleException;
import io.vigil.domain.alarm.LabelMatcher;
import io.vigil.domain.alarm.ReminderPolicy;
import io.vigil.domain.alarm.Routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code alarms:}. The built-in rules ({@link DefaultRules}) ship enabled; an entry under {@code rules} with a
 * built-in rule's name changes only the keys it gives ({@code queue-backup: {threshold: 500}}) or switches it off
 * ({@code enabled: false}); any other name is a rule of its own. Every key is checked where it is written, and every
 * channel a rule, a route or a tier names must be a configured channel.
 */
final class AlarmsReader {
  private static final Duration MAX_FOR = Duration.ofDays(1);
  private static final Pattern ANNOTATION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Map<String, Comparison> COMPARISONS = new LinkedHashMap<>();

  static {
    Arrays.stream(Comparison.values()).forEach(c -> COMPARISONS.put(c.symbol(), c));
  }

  /** What a rule starts from when the file does not say: the section's reminder policy and group window. */
  private record Defaults(ReminderPolicy reminder, Duration groupWindow) {}

  private AlarmsReader() {}

  static AlarmsConfig read(ConfigReader root, Set<String> channels) {
    ConfigReader a = root.child("alarms");
    Defaults defaults = new Defaults(reminder(a.child("reminder"), ReminderPolicy.DEFAULT),
        a.duration("group_window", AlarmRule.DEFAULT_GROUP_WINDOW, Duration.ZERO, Duration.ofHours(1)));
    Routing routing = routing(a, channels);
    Map<String, AlarmRule> builtIn = new LinkedHashMap<>();
    if (a.bool("default_rules", true)) DefaultRules.all().forEach(r -> builtIn.put(r.name(), withDefaults(r, defaults)));
    List<AlarmRule> rules = new ArrayList<>();
    Map<String, ConfigReader> entries = a.entries("rules", null);
    builtIn.forEach((name, rule) -> {
      ConfigReader entry = entries.get(name);
      if (entry == null) {
        rules.add(rule);
      } else if (entry.bool("enabled", true)) {
        AlarmRule tuned = rule(entry, name, rule, defaults, channels);
        if (tuned != null) rules.add(tuned);
      }
    });
    entries.forEach((name, entry) -> {
      if (builtIn.containsKey(name)) return;
      if (!entry.bool("enabled", true)) return;
      AlarmRule rule = rule(entry, name, null, defaults, channels);
      if (rule != null) rules.add(rule);
    });
    return new AlarmsConfig(rules, routing);
  }

  /** One rule from an API body (no file around it): the same keys, problems named by key. */
  static AlarmRule parseRule(Map<String, Object> body, AlarmsConfig running, Set<String> channels) {
    ConfigReader r = new ConfigReader(body, Map.of());
    String name = r.requiredString("name");
    AlarmRule base = running.rule(name).orElse(null);
    AlarmRule rule = name.isEmpty() ? null : rule(r, name,  base,
        new Defaults(ReminderPolicy.DEFAULT, AlarmRule.DEFAULT_GROUP_WINDOW), channels);
    r.bool("enabled", true);
    r.reportUnread(body, Set.of(), List.of());
    if (!r.problems().isEmpty()) throw new ConfigException(r.problems());
    return rule;
  }

  /** A built-in rule takes the section's reminder and group window unless it has its own (dead letters: none). */
  private static AlarmRule withDefaults(AlarmRule rule, Defaults d) {
    AlarmRule.Builder b = rule.toBuilder();
    if (rule.reminder().equals(ReminderPolicy.DEFAULT)) b.reminder(d.reminder());
    if (rule.groupWindow().equals(AlarmRule.DEFAULT_GROUP_WINDOW)) b.groupWindow(d.groupWindow());
    return b.build();
  }

  /** Reads a rule's keys over {@code base} (a built-in or configured rule of that name) or from scratch. */
  private static AlarmRule rule(ConfigReader r, String name, AlarmRule base, Defaults d, Set<String> channels) {
    if (base == null && !r.has("metric")) r.problem("metric", "is required");
    String metric = r.string("metric", base == null ? "" : base.metric());
    List<LabelMatcher> matchers = base == null ? List.of() : base.matchers();
    if (r.has("match") || r.has("matchers")) {
      List<LabelMatcher> read = new ArrayList<>();
      r.stringMap("match").forEach((label, value) -> read.add(LabelMatcher.eq(label, value)));
      List<String> texts = r.strings("matchers", List.of());
      for (int i = 0; i < texts.size(); i++) {
        try {
          read.add(LabelMatcher.parse(texts.get(i)));
        } catch (IllegalArgumentException e) {
          r.problem("matchers[" + i + "]", e.getMessage());
        }
      }
      matchers = read;
    }
    Comparison comparison = r.has("comparison") ? r.oneOf("comparison", COMPARISONS, Comparison.GT)
        : base == null ? Comparison.GT : base.comparison();
    if (base == null && !r.has("threshold")) r.problem("threshold", "is required");
    double threshold = r.decimal("threshold", base == null ? 0 : base.threshold(), -Double.MAX_VALUE, Double.MAX_VALUE);
    double keptClear = base == null || r.has("threshold") && !clearFits(comparison, base.clearThreshold(), threshold)
        ? threshold : base.clearThreshold();
    double clear = r.decimal("clear_threshold", keptClear, -Double.MAX_VALUE, Double.MAX_VALUE);
    AlarmRule.Builder b = AlarmRule.builder(name).metric(metric).when(comparison, threshold).clearWhen(clear)
        .forDuration(r.duration("for", base == null ? Duration.ZERO : base.forDuration(), Duration.ZERO, MAX_FOR))
        .clearFor(r.duration("clear_for", base == null ? Duration.ZERO : base.clearFor(), Duration.ZERO, MAX_FOR))
        .severity(r.has("severity") ? r.oneOf("severity", ConfigReader.byWireName(Severity.values(),
            Severity::wireName), Severity.WARNING) : base == null ? Severity.WARNING : base.severity())
        .reminder(r.has("reminder") ? reminder(r.child("reminder"), base == null ? d.reminder() : base.reminder())
            : base == null ? d.reminder() : base.reminder())
        .groupWindow(r.duration("group_window", base == null ? d.groupWindow() : base.groupWindow(), Duration.ZERO,
            Duration.ofHours(1)))
        .stop(r.bool("stop", base != null && base.stop()));
    matchers.forEach(b::match);
    Map<String, String> labels = r.has("labels") ? r.stringMap("labels") : base == null ? Map.of() : base.labels();
    labels.forEach(b::label);
    Map<String, String> annotations = new LinkedHashMap<>(base == null ? Map.of() : base.annotations());
    annotations.putAll(r.stringMap("annotations"));
    annotations.forEach((k, v) -> {
      if (!ANNOTATION.matcher(k).matches()) r.problem("annotations." + k, "an annotation name is letters, digits and _");
      else b.annotation(k, v);
    });
    List<String> named = r.strings("channels", base == null ? List.of() : base.channels());
    checkChannels(r, "channels", named, channels);
    b.channels(named.toArray(String[]::new));
    tiers(r, "escalation", channels).forEach(b::escalate);
    if (!r.has("escalation") && base != null) base.escalation().forEach(b::escalate);
    String plan = r.string("plan", base == null ? "" : base.recoveryPlan().orElse(""));
    if (!plan.isEmpty()) b.recoveryPlan(plan);
    try {
      return b.build();
    } catch (InvalidRuleException e) {
      for (String problem : e.problems()) {
        int colon = problem.indexOf(':');
        if (colon > 0) r.problem(problem.substring(0, colon), problem.substring(colon + 1).trim());
        else r.problem("", problem);
      }
      return null;
    } catch (IllegalArgumentException e) {
      r.problem("", e.getMessage());
      return null;
    }
  }

  /** Whether a clear threshold still lies on the clearing side of a new threshold. */
  private static boolean clearFits(Comparison c, double clear, double threshold) {
    return switch (c) {
      case GT, GE -> clear <= threshold;
      case LT, LE -> clear >= threshold;
      case EQ, NE -> clear == threshold;
    };
  }

  /** {@code reminder: {initial: 5m, factor: 2, cap: 2h}}; {@code initial: 0s} turns reminders off. */
  private static ReminderPolicy reminder(ConfigReader r, ReminderPolicy base) {
    Duration initial = r.duration("initial", base.initial(), Duration.ZERO, Duration.ofDays(7));
    if (initial.isZero()) return ReminderPolicy.NONE;
    return new ReminderPolicy(initial, r.decimal("factor", base.enabled() ? base.factor() : 2.0, 1.0, 10.0),
        r.duration("cap", base.enabled() ? base.cap() : Duration.ofHours(2), Duration.ZERO, Duration.ofDays(7)));
  }

  private static Routing routing(ConfigReader a, Set<String> channels) {
    Map<Severity, List<String>> routes = new EnumMap<>(Severity.class);
    Map<Severity, List<EscalationTier>> escalation = new EnumMap<>(Severity.class);
    ConfigReader r = a.child("routes");
    ConfigReader e = a.child("escalation");
    for (Severity s : Severity.values()) {
      List<String> named = r.strings(s.wireName(), List.of());
      checkChannels(r, s.wireName(), named, channels);
      routes.put(s, named);
      escalation.put(s, tiers(e, s.wireName(), channels));
    }
    try {
      return new Routing(routes, escalation);
    } catch (InvalidRuleException ex) {
      ex.problems().forEach(p -> a.problem("escalation", p));
      return Routing.of(routes);
    }
  }

  private static List<EscalationTier> tiers(ConfigReader r, String key, Set<String> channels) {
    List<EscalationTier> tiers = new ArrayList<>();
    for (ConfigReader tier : r.list(key)) {
      List<String> named = tier.strings("channels", List.of());
      checkChannels(tier, "channels", named, channels);
      tiers.add(new EscalationTier(tier.duration("after", Duration.ofMinutes(15), Duration.ZERO, Duration.ofDays(7)),
          named));
    }
    return tiers;
  }

  private static void checkChannels(ConfigReader r, String key, List<String> named, Set<String> channels) {
    for (int i = 0; i < named.size(); i++) {
      if (!channels.contains(named.get(i))) {
        r.problem(key + "[" + i + "]", "'" + named.get(i) + "' is not a channel under notifications.channels"
            + Suggestions.closest(named.get(i), channels).map(s -> " — did you mean " + s + "?").orElse(""));
      }
    }
  }
}
