package io.vigil.alarm;

import io.vigil.domain.alarm.Alarm;
import io.vigil.domain.alarm.AlarmDecision;
import io.vigil.domain.alarm.AlarmTransition;
import io.vigil.domain.alarm.Decisions;
import io.vigil.domain.alarm.FlagChange;
import io.vigil.domain.alarm.TimelineEntry;
import io.vigil.domain.fact.AlarmStateChanged;
import io.vigil.domain.fact.AlarmStateChanged.Change;
import io.vigil.domain.fact.Stamps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The engine's transitions and flag changes as {@link AlarmStateChanged} facts, in the order they were decided. */
final class AlarmFacts {
  private final Stamps stamps;
  private final String node;
  private final Function<String, String> planOfRule;

  /** @param planOfRule the recovery plan a rule names, or null */
  AlarmFacts(Stamps stamps, String node, Function<String, String> planOfRule) {
    this.stamps = stamps;
    this.node = node;
    this.planOfRule = planOfRule;
  }

  List<AlarmStateChanged> of(Decisions decisions) {
    List<AlarmStateChanged> facts = new ArrayList<>();
    for (AlarmDecision d : decisions) {
      if (d instanceof AlarmTransition t) {
        facts.add(fact(t.alarm(), t.from(), Change.TRANSITION, t.entry()));
      } else if (d instanceof FlagChange f) {
        Change change = switch (f.flag()) {
          case SILENCED -> f.on() ? Change.SILENCED : Change.UNSILENCED;
          case SUPPRESSED -> f.on() ? Change.SUPPRESSED : Change.UNSUPPRESSED;
        };
        facts.add(fact(f.alarm(), f.alarm().state(), change, f.entry()));
      }
    }
    return facts;
  }

  private AlarmStateChanged fact(Alarm a, io.vigil.domain.alarm.AlarmState from, Change change, TimelineEntry entry) {
    return new AlarmStateChanged(stamps.at(entry.at()), a.id(), a.fingerprint(), a.rule(), a.severity(), from,
        a.state(), change, a.silenced(), a.suppressed(), a.labels().asMap(), a.summary(), a.value(), a.startsAt(),
        a.firedAt(), entry.actor(), entry.note(), planOfRule.apply(a.rule()), node);
  }
}
