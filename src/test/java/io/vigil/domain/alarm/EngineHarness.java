package io.vigil.domain.alarm;

import io.vigil.domain.health.HealthStatus;
import io.vigil.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** An engine on a driven clock that logs every decision, so tests read as scenarios. */
final class EngineHarness {
  static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final List<AlarmDecision> log = new ArrayList<>();
  AlarmEngine engine;
  private int nextId = 1;

  EngineHarness(Routing routing, AlarmRule... rules) {
    this(routing, List.of(rules));
  }

  EngineHarness(Routing routing, List<AlarmRule> rules) {
    engine = new AlarmEngine(rules, routing, clock, ids());
  }

  /** Ids alarm-1, alarm-2... continuing across {@link #restart}. */
  Supplier<String> ids() {
    return () -> "alarm-" + nextId++;
  }

  /** A new engine on the same clock, as after a restart or a leader change (the log keeps going). */
  Decisions restart(List<AlarmRule> rules, Routing routing, Collection<Alarm> open, Collection<Silence> silences) {
    engine = new AlarmEngine(rules, routing, clock, ids());
    return record(engine.restore(open, silences));
  }

  Decisions sample(String metric, double value, String... labels) {
    return record(engine.onSample(new Sample(metric, Labels.of(labels), value, clock.instant())));
  }

  Decisions component(String component, String kind, HealthStatus status, String... dependsOn) {
    return record(engine.onComponent(new ComponentFact(component, kind, List.of(dependsOn), status)));
  }

  /** Moves the clock and ticks once. */
  Decisions advance(Duration by) {
    clock.advance(by);
    return record(engine.tick());
  }

  /** Moves the clock to {@code T0 + offset} and ticks once. */
  Decisions at(Duration offset) {
    clock.set(T0.plus(offset));
    return record(engine.tick());
  }

  /** Ticks every {@code step} until {@code T0 + until}, as a verticle's periodic tick would; returns all decisions. */
  List<AlarmDecision> tickEvery(Duration step, Duration until) {
    List<AlarmDecision> all = new ArrayList<>();
    Instant end = T0.plus(until);
    while (clock.instant().plus(step).compareTo(end) <= 0) {
      all.addAll(advance(step).all());
    }
    return all;
  }

  Decisions record(Decisions d) {
    log.addAll(d.all());
    return d;
  }

  /**
   * What the store would hold if the verticle persisted the snapshots of every decision: the latest snapshot per
   * alarm, open ones only.
   */
  List<Alarm> storedOpenAlarms() {
    java.util.Map<String, Alarm> latest = new java.util.LinkedHashMap<>();
    log.forEach(d -> d.alarms().forEach(a -> latest.put(a.id(), a)));
    return latest.values().stream().filter(a -> a.state().isOpen()).toList();
  }

  Instant now() {
    return clock.instant();
  }

  static Instant t(Duration offset) {
    return T0.plus(offset);
  }

  List<NotificationIntent> notifications() {
    return log.stream().filter(NotificationIntent.class::isInstance).map(NotificationIntent.class::cast).toList();
  }

  List<NotificationIntent> notifications(NotificationIntent.Kind kind) {
    return notifications().stream().filter(n -> n.kind() == kind).toList();
  }

  List<TimelineEntry> timeline(String alarmId) {
    return log.stream().flatMap(d -> d.entries().stream()).filter(e -> e.alarmId().equals(alarmId)).toList();
  }

  List<TimelineEntry.Kind> timelineKinds(String alarmId) {
    return timeline(alarmId).stream().map(TimelineEntry::kind).toList();
  }

  Alarm open(String alarmId) {
    return engine.alarm(alarmId).orElseThrow(() -> new AssertionError("no open alarm " + alarmId));
  }

  /** The only open alarm. */
  Alarm theAlarm() {
    List<Alarm> open = engine.openAlarms();
    if (open.size() != 1) throw new AssertionError("expected one open alarm, got " + open);
    return open.get(0);
  }
}
