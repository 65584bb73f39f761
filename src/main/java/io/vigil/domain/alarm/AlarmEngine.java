package io.vigil.domain.alarm;

import io.vigil.domain.IllegalTransitionException;
import io.vigil.domain.TaskIds;
import io.vigil.domain.alarm.FlagChange.Flag;
import io.vigil.domain.alarm.NotificationIntent.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.vigil.domain.alarm.AlarmState.ACKNOWLEDGED;
import static io.vigil.domain.alarm.AlarmState.FIRING;
import static io.vigil.domain.alarm.AlarmState.PENDING;
import static io.vigil.domain.alarm.AlarmState.RESOLVED;
import static io.vigil.domain.alarm.TimelineEntry.ENGINE;

/**
 * The alarm engine: rules in, facts in, decisions out. No I/O, no threads, no timers of its own — the alarm
 * verticle (leader only) feeds it, persists the alarm snapshots and timeline entries of each {@link Decisions},
 * publishes transitions, writes notification intents to the outbox and forwards stop requests.
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li>{@link #onSamples} — values as they happen (a breach is decided in the call that brings it, not on a poll);
 *   {@link #onComponent} — a component's status and parents; {@link #seriesEnded} — a series is gone for good.</li>
 *   <li>{@link #tick()} — time conditions: {@code for}, {@code clear_for}, reminders, escalation, silence start and
 *   end, group windows. Call it when {@link #nextWakeUp()} says, or on a steady short period.</li>
 *   <li>{@link #acknowledge}, {@link #resolve}, {@link #addSilence}, {@link #removeSilence},
 *   {@link #replaceRules} — operators and configuration; {@link #restore} — a new leader.</li>
 * </ul>
 * Every decision is timed by the engine's {@link Clock} (one time source; a sample's own {@code at} is kept as the
 * value's time and drops samples older than the series' last one, but never moves the engine's time).
 *
 * <h2>Behaviour people see</h2>
 * <ul>
 *   <li>An alarm pends while its condition breaches, fires after {@code for}, and resolves when the value has not
 *   held the clear threshold for {@code clear_for}; a pending alarm whose value stops breaching resolves at once
 *   (it was never sent). One open alarm per fingerprint (rule + series labels, see {@link Fingerprints}).</li>
 *   <li>Firing sends one message (grouped per rule, see {@link GroupWindows}); then reminders back off by the
 *   rule's {@link ReminderPolicy} to everyone told so far; escalation tiers go out when the alarm is still not
 *   acknowledged {@code after} its firing. Acknowledging stops both.</li>
 *   <li>Silenced (a matching active silence) and suppressed (a direct parent of its {@code component} is UNHEALTHY,
 *   see {@link ComponentGraph}) alarms still pend, fire, show and resolve, but send nothing: no firing, reminder or
 *   escalation. Suppression applies to alarms already open too: their reminders and escalation stop.</li>
 *   <li><b>A resolve is always sent for an alarm that was notified</b>, to every channel told — whether it is now
 *   silenced, suppressed, resolved by hand, resolved because its rule was removed, or found cleared after a
 *   restart. An alarm that was never notified resolves without a message.</li>
 *   <li>When a silence or suppression ends while the alarm still fires unacknowledged, it is sent at once: as a
 *   firing message if it never was, else as a reminder ("still firing"), and the reminder schedule continues from
 *   then. (Alertmanager also notifies again after a silence expires; Vigil does it without waiting for a
 *   {@code repeat_interval}.)</li>
 *   <li>A rule with {@code stop: true} emits one {@link StopRequest} each time one of its alarms turns firing,
 *   silenced or not.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Rules are indexed by metric: a sample costs O(r<sub>m</sub> · k) matcher checks for the r<sub>m</sub> rules of its
 * metric with k matchers each, plus O(1) hash lookups of its series (label sets hash once). Fingerprints (SHA-256)
 * are computed only when an alarm opens. {@link #tick()} and {@link #nextWakeUp()} cost O(A · S) for A open alarms
 * and S silences, independent of the number of rules and series; a rule reload costs O(series of the changed
 * rules' metrics). Memory: the last sample of each series and the open alarms. With 1,000 rules over 100 queues,
 * a statistics round (100 samples per queue metric) costs 100 · r<sub>m</sub> matcher checks per metric: the
 * worst case, all 1,000 rules on one metric, is 10<sup>5</sup> checks per round; a quiet series (no breach, no open
 * alarm) allocates nothing. Measured figures belong to the benchmark (pending).
 *
 * <p>Not thread-safe: one verticle owns it.
 */
public final class AlarmEngine {
  private static final String COMPONENT_LABEL = "component";
  private static final String KIND_LABEL = "kind";

  private final Clock clock;
  private final Supplier<String> ids;
  private Routing routing;
  private final Map<String, RuleSlot> rules = new LinkedHashMap<>();
  private Map<String, List<RuleSlot>> byMetric = Map.of();
  private final Map<String, Map<Labels, Sample>> latest = new HashMap<>();
  private final Map<String, LiveAlarm> open = new LinkedHashMap<>();
  private final Map<String, Silence> silences = new LinkedHashMap<>();
  private final ComponentGraph components = new ComponentGraph();
  private final GroupWindows groups = new GroupWindows();

  /** A rule and its open alarms by series. */
  private static final class RuleSlot {
    AlarmRule rule;
    final Map<Labels, LiveAlarm> alarms = new HashMap<>();

    RuleSlot(AlarmRule rule) {
      this.rule = rule;
    }
  }

  public AlarmEngine(List<AlarmRule> rules, Routing routing, Clock clock) {
    this(rules, routing, clock, new TaskIds(clock)::next);
  }

  /** @param ids alarm ids (time-ordered UUIDs by default) */
  public AlarmEngine(List<AlarmRule> rules, Routing routing, Clock clock, Supplier<String> ids) {
    this.clock = clock;
    this.ids = ids;
    this.routing = routing;
    checkUniqueNames(rules);
    rules.forEach(r -> this.rules.put(r.name(), new RuleSlot(r)));
    reindex();
  }

  // ---------------------------------------------------------------- facts

  public Decisions onSample(Sample sample) {
    return onSamples(List.of(sample));
  }

  /** A batch (e.g. one statistics round): everything it trips at once goes out as one message per rule. */
  public Decisions onSamples(Collection<Sample> samples) {
    Round r = begin();
    samples.forEach(s -> take(s, r));
    return r.finish();
  }

  /** A component's status: its {@code component.status} sample, and the graph suppression reads. */
  public Decisions onComponent(ComponentFact fact) {
    Round r = begin();
    components.update(fact);
    Labels labels = fact.kind().isEmpty() ? Labels.of(COMPONENT_LABEL, fact.component())
        : Labels.of(COMPONENT_LABEL, fact.component(), KIND_LABEL, fact.kind());
    take(new Sample(AlarmMetrics.COMPONENT_STATUS, labels, fact.status().code(), r.now), r);
    refreshSuppression(r);
    return r.finish();
  }

  /** A series will not come back (a queue, component or breaker was removed): its alarms resolve. */
  public Decisions seriesEnded(String metric, Labels series) {
    Round r = begin();
    Map<Labels, Sample> values = latest.get(metric);
    if (values != null) values.remove(series);
    for (RuleSlot slot : byMetric.getOrDefault(metric, List.of())) {
      LiveAlarm a = slot.alarms.get(series);
      if (a != null) close(a, ENGINE, "the series ended", r);
    }
    return r.finish();
  }

  /** Time passed: {@code for}, {@code clear_for}, silences, group windows, escalation and reminders. */
  public Decisions tick() {
    Round r = begin();
    for (LiveAlarm a : List.copyOf(open.values())) {
      AlarmRule rule = a.rule;
      if (a.state == PENDING) {
        if (a.confirmed && elapsed(a.startsAt, rule.forDuration(), r.now) && rule.breaches(a.value)) fire(a, r);
      } else if (a.confirmed && a.clearingSince != null && elapsed(a.clearingSince, rule.clearFor(), r.now)) {
        close(a, ENGINE, "condition cleared for " + Templates.duration(rule.clearFor()), r);
      }
    }
    refreshSilences(r);
    for (LiveAlarm a : List.copyOf(open.values())) {
      nag(a, r);
    }
    return r.finish();
  }

  // ---------------------------------------------------------------- people

  /** Someone is on it: reminders and escalation stop. Only a firing alarm can be acknowledged. */
  public Decisions acknowledge(String alarmId, String actor, String comment) {
    LiveAlarm a = find(alarmId, ACKNOWLEDGED);
    requireActor(actor);
    Round r = begin();
    AlarmState from = a.state;
    a.moveTo(ACKNOWLEDGED, r.now);
    a.acknowledgedAt = r.now;
    a.acknowledgedBy = actor;
    a.nextReminderAt = null;
    groups.forget(a.id);
    r.transition(a, from, actor, comment);
    return r.finish();
  }

  /**
   * Resolved by hand (a resolve goes out if it was notified). If the condition still breaches, the next sample
   * opens a new alarm — a silence is the way to keep it quiet.
   */
  public Decisions resolve(String alarmId, String actor, String comment) {
    LiveAlarm a = find(alarmId, RESOLVED);
    requireActor(actor);
    Round r = begin();
    close(a, actor, comment == null || comment.isBlank() ? "resolved by hand" : comment, r);
    return r.finish();
  }

  /** A new or changed silence (same id replaces); it takes effect at its {@code startsAt}. */
  public Decisions addSilence(Silence silence) {
    Round r = begin();
    silences.put(silence.id(), silence);
    refreshSilences(r);
    return r.finish();
  }

  /** The silence ends now. */
  public Decisions removeSilence(String silenceId) {
    Round r = begin();
    silences.remove(silenceId);
    refreshSilences(r);
    return r.finish();
  }

  // ---------------------------------------------------------------- configuration and restarts

  /**
   * Hot reload: alarms of a removed rule resolve; alarms of a changed rule take its new labels and severity and are
   * re-evaluated with the last value of their series (a raised threshold starts clearing them, a series no longer
   * selected resolves); a new or changed rule also looks at every current series of its metric at once.
   */
  public Decisions replaceRules(List<AlarmRule> newRules, Routing newRouting) {
    checkUniqueNames(newRules);
    Round r = begin();
    this.routing = newRouting;
    Set<String> kept = newRules.stream().map(AlarmRule::name).collect(Collectors.toSet());
    for (RuleSlot slot : List.copyOf(rules.values())) {
      if (kept.contains(slot.rule.name())) continue;
      rules.remove(slot.rule.name());
      for (LiveAlarm a : List.copyOf(slot.alarms.values())) {
        close(a, ENGINE, "rule removed", r);
      }
      groups.forgetRule(slot.rule.name());
    }
    List<RuleSlot> reevaluate = new ArrayList<>();
    Map<String, RuleSlot> ordered = new LinkedHashMap<>();
    for (AlarmRule rule : newRules) {
      RuleSlot slot = rules.get(rule.name());
      if (slot == null) {
        slot = new RuleSlot(rule);
        reevaluate.add(slot);
      } else if (!slot.rule.equals(rule)) {
        slot.rule = rule;
        for (LiveAlarm a : List.copyOf(slot.alarms.values())) {
          a.useRule(rule);
          if (!rule.metric().equals(a.metric) || !rule.selects(a.series)) {
            close(a, ENGINE, "no longer selected by the changed rule", r);
          }
        }
        reevaluate.add(slot);
      }
      ordered.put(rule.name(), slot);
    }
    rules.clear();
    rules.putAll(ordered);
    reindex();
    for (RuleSlot slot : reevaluate) {
      latest.getOrDefault(slot.rule.metric(), Map.of()).forEach((series, s) -> {
        if (slot.rule.selects(series)) evaluate(slot, series, s.value(), s.at(), r);
      });
    }
    refreshSilences(r);
    return r.finish();
  }

  /**
   * Rebuilds a fresh engine from the store's open alarms and silences (at start, or on becoming leader). Restored
   * alarms keep their state, flags and delivery (no second firing message; the next reminder stays where it was
   * planned). They wait for a fresh sample before they can fire or clear; then one that cleared meanwhile resolves
   * (and its resolve is sent, once) and one still breaching simply continues. An alarm whose rule no longer exists
   * resolves now; a firing one that was never sent (its group window was cut short) is sent now; silences that
   * ended meanwhile lift at once.
   */
  public Decisions restore(Collection<Alarm> openAlarms, Collection<Silence> activeSilences) {
    if (!open.isEmpty() || !silences.isEmpty()) {
      throw new IllegalStateException("restore needs a fresh engine");
    }
    List<Alarm> restoring = openAlarms.stream().filter(a -> a.state().isOpen()).toList();
    Set<String> ids = new HashSet<>();
    Set<String> fingerprints = new HashSet<>();
    for (Alarm a : restoring) {
      if (!ids.add(a.id())) throw new IllegalStateException("alarm " + a.id() + " restored twice");
      if (!fingerprints.add(a.fingerprint())) {
        throw new IllegalStateException("two open alarms for fingerprint " + a.fingerprint());
      }
    }
    Round r = begin();
    activeSilences.forEach(s -> silences.put(s.id(), s));
    for (Alarm snapshot : restoring) {
      RuleSlot slot = rules.get(snapshot.rule());
      LiveAlarm a = LiveAlarm.restore(snapshot, slot == null ? null : slot.rule);
      open.put(a.id, a);
      if (slot == null) {
        close(a, ENGINE, "rule no longer configured", r);
      } else {
        slot.alarms.put(a.series, a);
      }
    }
    refreshSilences(r);
    for (LiveAlarm a : List.copyOf(open.values())) {
      announce(a, r);
    }
    return r.finish();
  }

  // ---------------------------------------------------------------- reads

  public List<Alarm> openAlarms() {
    return open.values().stream().map(LiveAlarm::snapshot).toList();
  }

  public Optional<Alarm> alarm(String alarmId) {
    return Optional.ofNullable(open.get(alarmId)).map(LiveAlarm::snapshot);
  }

  public List<AlarmRule> rules() {
    return rules.values().stream().map(s -> s.rule).toList();
  }

  /** Silences active now or later (ended ones are dropped on the next call). */
  public List<Silence> silences() {
    return List.copyOf(silences.values());
  }

  /** What {@code rule} would do with the current values; changes nothing. */
  public RuleTest testRule(AlarmRule rule) {
    Map<String, AlarmState> openStates = new HashMap<>();
    RuleSlot slot = rules.get(rule.name());
    if (slot != null) slot.alarms.values().forEach(a -> openStates.put(a.fingerprint, a.state));
    return RuleTest.evaluate(rule, latest.getOrDefault(rule.metric(), Map.of()).values(), openStates, clock.instant());
  }

  /** The earliest time {@link #tick()} has something to decide, if any (for a one-shot timer). */
  public Optional<Instant> nextWakeUp() {
    Instant now = clock.instant();
    List<Instant> times = new ArrayList<>();
    for (LiveAlarm a : open.values()) {
      AlarmRule rule = a.rule;
      if (a.state == PENDING && a.confirmed) times.add(a.startsAt.plus(rule.forDuration()));
      if (a.confirmed && a.clearingSince != null) times.add(a.clearingSince.plus(rule.clearFor()));
      if (a.nagging()) {
        if (a.nextReminderAt != null) times.add(a.nextReminderAt);
        List<EscalationTier> tiers = routing.escalationFor(rule);
        if (a.escalationLevel < tiers.size()) times.add(a.firedAt.plus(tiers.get(a.escalationLevel).after()));
      }
    }
    for (Silence s : silences.values()) {
      times.add(s.startsAt().isAfter(now) ? s.startsAt() : s.endsAt());
    }
    groups.nextEnd().ifPresent(times::add);
    return times.stream().min(Instant::compareTo);
  }

  // ---------------------------------------------------------------- the lifecycle

  private Round begin() {
    Round r = new Round(clock.instant());
    groups.flushDue(r.now, id -> {
      LiveAlarm a = open.get(id);
      return a != null && a.state == FIRING && a.notifiable() && !a.notified;
    }).values().forEach(held -> held.forEach(id -> sendFiring(open.get(id), r)));
    return r;
  }

  private void take(Sample s, Round r) {
    Map<Labels, Sample> values = latest.computeIfAbsent(s.metric(), k -> new HashMap<>());
    Sample before = values.get(s.labels());
    if (before != null && s.at().isBefore(before.at())) return;
    values.put(s.labels(), s);
    for (RuleSlot slot : byMetric.getOrDefault(s.metric(), List.of())) {
      if (slot.rule.selects(s.labels())) evaluate(slot, s.labels(), s.value(), s.at(), r);
    }
  }

  private void evaluate(RuleSlot slot, Labels series, double value, Instant valueAt, Round r) {
    AlarmRule rule = slot.rule;
    LiveAlarm a = slot.alarms.get(series);
    if (a == null) {
      if (rule.breaches(value)) openAlarm(slot, series, value, valueAt, r);
      return;
    }
    a.observe(value, valueAt);
    if (a.state == PENDING) {
      if (!rule.breaches(value)) {
        close(a, ENGINE, "cleared before " + Templates.duration(rule.forDuration()), r);
      } else if (elapsed(a.startsAt, rule.forDuration(), r.now)) {
        fire(a, r);
      }
    } else if (rule.holds(value)) {
      a.clearingSince = null;
    } else {
      if (a.clearingSince == null) a.clearingSince = r.now;
      if (elapsed(a.clearingSince, rule.clearFor(), r.now)) {
        close(a, ENGINE, "condition cleared (value " + Templates.number(value) + ")", r);
      }
    }
  }

  private void openAlarm(RuleSlot slot, Labels series, double value, Instant valueAt, Round r) {
    AlarmRule rule = slot.rule;
    LiveAlarm a = new LiveAlarm(ids.get(), rule, series, value, valueAt, r.now);
    slot.alarms.put(series, a);
    open.put(a.id, a);
    String silencedBy = silencedBy(a, r.now);
    List<String> downParents = components.unhealthyParents(a.labels.get(COMPONENT_LABEL)).orElse(List.of());
    a.silenced = !silencedBy.isEmpty();
    a.suppressed = !downParents.isEmpty();
    r.transition(a, null, ENGINE, rule.condition() + " (value " + Templates.number(value) + ")");
    if (a.silenced) r.flag(a, Flag.SILENCED, true, "silence " + silencedBy);
    if (a.suppressed) r.flag(a, Flag.SUPPRESSED, true, "parent unhealthy: " + String.join(", ", downParents));
    if (rule.forDuration().isZero()) fire(a, r);
  }

  private void fire(LiveAlarm a, Round r) {
    a.moveTo(FIRING, r.now);
    a.firedAt = r.now;
    r.transition(a, PENDING, ENGINE, "held for " + Templates.duration(a.rule.forDuration())
        + " (value " + Templates.number(a.value) + ")");
    if (a.rule.stop()) r.stop(a, "rule " + a.ruleName + " fired: " + a.snapshot().summary());
    announce(a, r);
  }

  /** Sends the firing message of an alarm that is due one (at once, or held by its rule's group window). */
  private void announce(LiveAlarm a, Round r) {
    if (a.state != FIRING || !a.notifiable() || a.notified) return;
    if (groups.offer(a.ruleName, a.rule.groupWindow(), a.id, r.now)) sendFiring(a, r);
  }

  private void sendFiring(LiveAlarm a, Round r) {
    List<String> channels = routing.channelsFor(a.rule, a.labels);
    a.sentFiring(channels, a.rule.reminder(), r.now);
    r.notify(Kind.FIRING, a, channels, 0, "firing", "");
  }

  /** Reminders to everyone told so far, then any escalation tier now due (to its channels). */
  private void nag(LiveAlarm a, Round r) {
    if (!a.nagging()) return;
    if (a.nextReminderAt != null && !r.now.isBefore(a.nextReminderAt)) {
      List<String> channels = a.toldChannels();
      a.sentReminder(channels, a.rule.reminder(), a.nextReminderAt, r.now);
      r.notify(Kind.REMINDER, a, channels, 0, "reminder/" + a.reminderStep, "");
    }
    List<EscalationTier> tiers = routing.escalationFor(a.rule);
    while (a.escalationLevel < tiers.size() && elapsed(a.firedAt, tiers.get(a.escalationLevel).after(), r.now)) {
      EscalationTier tier = tiers.get(a.escalationLevel);
      a.escalationLevel++;
      List<String> channels = Routing.withoutOwnChannel(tier.channels(), a.labels);
      a.sent(channels, r.now);
      r.notify(Kind.ESCALATION, a, channels, a.escalationLevel, "escalation/" + a.escalationLevel,
          "not acknowledged within " + Templates.duration(tier.after()));
    }
  }

  private void close(LiveAlarm a, String actor, String note, Round r) {
    AlarmState from = a.state;
    a.moveTo(RESOLVED, r.now);
    a.resolvedAt = r.now;
    a.resolvedBy = actor;
    a.nextReminderAt = null;
    a.clearingSince = null;
    open.remove(a.id);
    RuleSlot slot = rules.get(a.ruleName);
    if (slot != null) slot.alarms.remove(a.series, a);
    groups.forget(a.id);
    r.transition(a, from, actor, note);
    if (a.notified) {
      List<String> channels = a.toldChannels();
      a.sent(channels, r.now);
      r.notify(Kind.RESOLVED, a, channels, 0, "resolved", "");
    }
  }

  /** An alarm stopped being silenced or suppressed: if it still fires unacknowledged, people hear of it now. */
  private void unmuted(LiveAlarm a, String why, Round r) {
    if (a.state != FIRING || !a.notifiable()) return;
    if (!a.notified) {
      announce(a, r);
      return;
    }
    List<String> channels = a.toldChannels();
    a.sentReminder(channels, a.rule.reminder(), r.now, r.now);
    r.notify(Kind.REMINDER, a, channels, 0, "reminder/" + a.reminderStep, "still firing after " + why);
  }

  // ---------------------------------------------------------------- flags

  private void refreshSilences(Round r) {
    silences.values().removeIf(s -> !r.now.isBefore(s.endsAt()));
    for (LiveAlarm a : List.copyOf(open.values())) {
      String by = silencedBy(a, r.now);
      boolean on = !by.isEmpty();
      if (on == a.silenced) continue;
      a.silenced = on;
      a.updatedAt = r.now;
      r.flag(a, Flag.SILENCED, on, on ? "silence " + by : "silence ended");
      if (!on) unmuted(a, "the silence ended", r);
    }
  }

  private void refreshSuppression(Round r) {
    for (LiveAlarm a : List.copyOf(open.values())) {
      Optional<List<String>> down = components.unhealthyParents(a.labels.get(COMPONENT_LABEL));
      if (down.isEmpty()) continue;
      boolean on = !down.get().isEmpty();
      if (on == a.suppressed) continue;
      a.suppressed = on;
      a.updatedAt = r.now;
      r.flag(a, Flag.SUPPRESSED, on, on ? "parent unhealthy: " + String.join(", ", down.get()) : "parents healthy again");
      if (!on) unmuted(a, "its parent recovered", r);
    }
  }

  /** The ids of the active silences matching the alarm, comma-separated; "" when none. */
  private String silencedBy(LiveAlarm a, Instant now) {
    if (silences.isEmpty()) return "";
    return silences.values().stream().filter(s -> s.isActiveAt(now) && s.matches(a.labels))
        .map(Silence::id).collect(Collectors.joining(", "));
  }

  // ---------------------------------------------------------------- helpers

  private LiveAlarm find(String alarmId, AlarmState next) {
    LiveAlarm a = open.get(alarmId);
    if (a == null) throw new AlarmNotFoundException(alarmId);
    if (!a.state.canMoveTo(next)) throw new IllegalTransitionException(a.state, next);
    return a;
  }

  private static String requireActor(String actor) {
    if (actor == null || actor.isBlank()) throw new IllegalArgumentException("actor: required");
    return actor;
  }

  private static boolean elapsed(Instant since, Duration length, Instant now) {
    return !now.isBefore(since.plus(length));
  }

  private void reindex() {
    Map<String, List<RuleSlot>> index = new HashMap<>();
    rules.values().forEach(s -> index.computeIfAbsent(s.rule.metric(), k -> new ArrayList<>()).add(s));
    byMetric = index;
  }

  private static void checkUniqueNames(List<AlarmRule> rules) {
    Set<String> seen = new HashSet<>();
    List<String> problems = rules.stream().map(AlarmRule::name).filter(n -> !seen.add(n))
        .map(n -> "name: '" + n + "' is used by more than one rule").toList();
    if (!problems.isEmpty()) throw new InvalidRuleException("rules", problems);
  }
}
