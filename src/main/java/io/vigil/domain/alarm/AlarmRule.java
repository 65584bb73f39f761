package io.vigil.domain.alarm;

import io.vigil.domain.Severity;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One alarm rule: when a series of {@code metric} selected by {@code matchers} has a value that
 * {@code comparison threshold} holds for {@code for}, an alarm fires; it resolves once the value no longer
 * holds {@code comparison clearThreshold} for {@code clearFor} (hysteresis: a backlog rule {@code > 100} with
 * clear threshold 80 stays firing at 90). Immutable; the constructor checks every field and reports all problems at
 * once, each named by its configuration key.
 *
 * @param channels     channel names for this rule's notifications; empty means "by severity" ({@link Routing})
 * @param escalation   tiers by increasing {@code after}; empty means "by severity" ({@link Routing})
 * @param groupWindow  after a notification of this rule, further firings within the window go out together when it
 *                     ends (0: each at once)
 * @param stop         a critical rule that, when it fires, asks for the emergency stop
 * @param recoveryPlan the recovery plan (issue 17) to run when it fires
 */
public record AlarmRule(
    String name,
    String metric,
    List<LabelMatcher> matchers,
    Comparison comparison,
    double threshold,
    Duration forDuration,
    double clearThreshold,
    Duration clearFor,
    Severity severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> channels,
    ReminderPolicy reminder,
    List<EscalationTier> escalation,
    Duration groupWindow,
    boolean stop,
    Optional<String> recoveryPlan) {

  /** Labels the engine adds to every alarm; a rule's own labels may not use them. */
  public static final String LABEL_RULE = "rule";
  public static final String LABEL_SEVERITY = "severity";
  public static final String SUMMARY = "summary";
  public static final String DESCRIPTION = "description";
  public static final String RUNBOOK_URL = "runbook_url";
  public static final String SUGGESTED_ACTION = "suggested_action";

  public static final Duration DEFAULT_GROUP_WINDOW = Duration.ofSeconds(30);
  static final Duration MAX_GROUP_WINDOW = Duration.ofHours(1);

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");
  private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public AlarmRule {
    matchers = List.copyOf(matchers);
    labels = Map.copyOf(labels);
    annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    channels = List.copyOf(channels);
    escalation = List.copyOf(escalation);
    Objects.requireNonNull(recoveryPlan, "recoveryPlan");
    List<String> problems = problems(name, metric, comparison, threshold, forDuration, clearThreshold, clearFor,
        severity, labels, annotations, channels, reminder, escalation, groupWindow, stop, recoveryPlan);
    if (!problems.isEmpty()) {
      throw new InvalidRuleException("rule '" + name + "'", problems);
    }
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder starting from this rule, for a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(name).metric(metric).when(comparison, threshold).forDuration(forDuration)
        .clearWhen(clearThreshold).clearFor(clearFor).severity(severity).reminder(reminder)
        .groupWindow(groupWindow).stop(stop);
    matchers.forEach(b::match);
    b.labels.putAll(labels);
    b.annotations.putAll(annotations);
    b.channels.addAll(channels);
    b.escalation.addAll(escalation);
    b.recoveryPlan = recoveryPlan.orElse(null);
    return b;
  }

  /** Whether a series of this rule's metric is selected by its matchers. */
  public boolean selects(Labels series) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(series)) return false;
    }
    return true;
  }

  /** The firing condition: {@code value comparison threshold}. */
  public boolean breaches(double value) {
    return comparison.test(value, threshold);
  }

  /** Whether a fired alarm is still active: {@code value comparison clearThreshold}. */
  public boolean holds(double value) {
    return comparison.test(value, clearThreshold);
  }

  /** The labels of an alarm of this rule on {@code series}: the series', the rule's, then rule and severity. */
  public Labels alarmLabels(Labels series) {
    return series.with(labels).with(Map.of(LABEL_RULE, name, LABEL_SEVERITY, severity.wireName()));
  }

  /** The condition as text, e.g. {@code queue.backlog{queue="orders"} > 100}. */
  public String condition() {
    String selector = matchers.isEmpty() ? "" : matchers.stream().map(LabelMatcher::toString)
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    return metric + selector + " " + comparison.symbol() + " " + Templates.number(threshold);
  }

  private static List<String> problems(String name, String metric, Comparison comparison, double threshold,
                                       Duration forDuration, double clearThreshold, Duration clearFor,
                                       Severity severity, Map<String, String> labels, Map<String, String> annotations,
                                       List<String> channels, ReminderPolicy reminder,
                                       List<EscalationTier> escalation, Duration groupWindow, boolean stop,
                                       Optional<String> recoveryPlan) {
    List<String> p = new ArrayList<>();
    if (name == null || !NAME.matcher(name).matches()) {
      p.add("name: lower-case letters, digits, '.', '_' or '-', at most 100 characters");
    }
    if (metric == null || !AlarmMetrics.isKnown(metric)) {
      p.add("metric: unknown metric '" + metric + "' (known: " + String.join(", ",
          new java.util.TreeSet<>(AlarmMetrics.KNOWN)) + ", or foreign.<figure>)");
    }
    if (comparison == null) p.add("comparison: one of > >= < <= == !=");
    if (!Double.isFinite(threshold)) p.add("threshold: must be a finite number");
    if (!Double.isFinite(clearThreshold)) {
      p.add("clear_threshold: must be a finite number");
    } else if (comparison != null && Double.isFinite(threshold)) {
      if (comparison.firesAbove() && clearThreshold > threshold) {
        p.add("clear_threshold: must not be above threshold for " + comparison.symbol());
      } else if (comparison.firesBelow() && clearThreshold < threshold) {
        p.add("clear_threshold: must not be below threshold for " + comparison.symbol());
      } else if (!comparison.firesAbove() && !comparison.firesBelow() && clearThreshold != threshold) {
        p.add("clear_threshold: must equal threshold for " + comparison.symbol());
      }
    }
    if (forDuration == null || forDuration.isNegative()) p.add("for: must be 0 or more");
    if (clearFor == null || clearFor.isNegative()) p.add("clear_for: must be 0 or more");
    if (severity == null) p.add("severity: one of info, warning, critical");
    labels.keySet().forEach(k -> {
      if (!LABEL_NAME.matcher(k).matches()) p.add("labels." + k + ": not a label name");
      if (k.equals(LABEL_RULE) || k.equals(LABEL_SEVERITY)) p.add("labels." + k + ": reserved, set by the engine");
    });
    String summary = annotations.get(SUMMARY);
    if (summary == null || summary.isBlank()) p.add("annotations.summary: required (people read it first)");
    annotations.forEach((k, v) -> {
      if (v == null) {
        p.add("annotations." + k + ": must have a value");
      } else {
        Templates.problems(v).forEach(problem -> p.add("annotations." + k + ": " + problem));
      }
    });
    String runbook = annotations.get(RUNBOOK_URL);
    if (runbook != null && !isHttpUrl(runbook)) p.add("annotations.runbook_url: not an http(s) URL");
    for (int i = 0; i < channels.size(); i++) {
      if (channels.get(i) == null || channels.get(i).isBlank()) p.add("channels[" + i + "]: must not be blank");
    }
    if (reminder == null) {
      p.add("reminder: required (ReminderPolicy.NONE turns reminders off)");
    } else {
      p.addAll(reminder.problems("reminder."));
    }
    p.addAll(EscalationTier.problems(escalation, "escalation"));
    if (groupWindow == null || groupWindow.isNegative() || groupWindow.compareTo(MAX_GROUP_WINDOW) > 0) {
      p.add("group_window: between 0 and 1h");
    }
    if (stop && severity != Severity.CRITICAL) p.add("stop: only a critical rule may stop the system");
    if (recoveryPlan.isPresent() && recoveryPlan.get().isBlank()) p.add("recovery_plan: must not be blank");
    return p;
  }

  private static boolean isHttpUrl(String text) {
    if (text.contains("{{")) return true; // templated: checked when rendered by whoever follows it
    try {
      URI uri = URI.create(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Builds a rule; defaults: for 0, clear threshold = threshold, clear_for 0, warning, default reminders. */
  public static final class Builder {
    private final String name;
    private String metric;
    private final List<LabelMatcher> matchers = new ArrayList<>();
    private Comparison comparison;
    private double threshold = Double.NaN;
    private Duration forDuration = Duration.ZERO;
    private Double clearThreshold;
    private Duration clearFor = Duration.ZERO;
    private Severity severity = Severity.WARNING;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final List<String> channels = new ArrayList<>();
    private ReminderPolicy reminder = ReminderPolicy.DEFAULT;
    private final List<EscalationTier> escalation = new ArrayList<>();
    private Duration groupWindow = DEFAULT_GROUP_WINDOW;
    private boolean stop;
    private String recoveryPlan;

    private Builder(String name) {
      this.name = name;
    }

    public Builder metric(String metric) {
      this.metric = metric;
      return this;
    }

    public Builder match(LabelMatcher matcher) {
      matchers.add(Objects.requireNonNull(matcher, "matcher"));
      return this;
    }

    /** The firing condition, e.g. {@code when(GT, 100)}. */
    public Builder when(Comparison comparison, double threshold) {
      this.comparison = comparison;
      this.threshold = threshold;
      return this;
    }

    public Builder forDuration(Duration forDuration) {
      this.forDuration = forDuration;
      return this;
    }

    /** The clear threshold (hysteresis); by default the threshold itself. */
    public Builder clearWhen(double clearThreshold) {
      this.clearThreshold = clearThreshold;
      return this;
    }

    public Builder clearFor(Duration clearFor) {
      this.clearFor = clearFor;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder label(String name, String value) {
      labels.put(name, value);
      return this;
    }

    public Builder annotation(String name, String template) {
      annotations.put(name, template);
      return this;
    }

    public Builder summary(String template) {
      return annotation(SUMMARY, template);
    }

    public Builder description(String template) {
      return annotation(DESCRIPTION, template);
    }

    public Builder runbookUrl(String url) {
      return annotation(RUNBOOK_URL, url);
    }

    public Builder suggestedAction(String template) {
      return annotation(SUGGESTED_ACTION, template);
    }

    public Builder channels(String... names) {
      channels.clear();
      channels.addAll(List.of(names));
      return this;
    }

    public Builder reminder(ReminderPolicy reminder) {
      this.reminder = reminder;
      return this;
    }

    public Builder escalate(EscalationTier tier) {
      escalation.add(Objects.requireNonNull(tier, "tier"));
      return this;
    }

    public Builder groupWindow(Duration groupWindow) {
      this.groupWindow = groupWindow;
      return this;
    }

    public Builder stop(boolean stop) {
      this.stop = stop;
      return this;
    }

    public Builder recoveryPlan(String plan) {
      this.recoveryPlan = plan;
      return this;
    }

    public AlarmRule build() {
      return new AlarmRule(name, metric, matchers, comparison, threshold, forDuration,
          clearThreshold == null ? threshold : clearThreshold, clearFor, severity, labels, annotations, channels,
          reminder, escalation, groupWindow, stop, Optional.ofNullable(recoveryPlan));
    }
  }
}
