package io.vigil.domain.alarm;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a rule would do with the current values, without doing it ({@code POST /api/rules/test}): a pure function of
 * the rule, the latest sample of each series and the open alarms. Nothing is opened, fired or sent.
 *
 * @param matched every series of the rule's metric its matchers select, by fingerprint
 */
public record RuleTest(AlarmRule rule, Instant at, List<Verdict> matched) {
  public enum Outcome {
    /** The value does not breach the threshold. */
    QUIET,
    /** It breaches; with {@code for} it would fire at {@link Verdict#firesAt()} if it keeps breaching. */
    WOULD_PEND,
    /** It breaches and {@code for} is 0: it would fire now. */
    WOULD_FIRE
  }

  /**
   * @param openAlarm the state of the open alarm of a rule with this name on this series, or null
   * @param firesAt   when it would fire (now for WOULD_FIRE), null when QUIET
   */
  public record Verdict(Labels series, String fingerprint, double value, Instant valueAt, Outcome outcome,
                        Instant firesAt, Map<String, String> annotations, AlarmState openAlarm) {}

  public RuleTest {
    matched = List.copyOf(matched);
  }

  public static RuleTest evaluate(AlarmRule rule, Collection<Sample> current, Map<String, AlarmState> openByFingerprint,
                                  Instant now) {
    List<Verdict> verdicts = current.stream()
        .filter(s -> s.metric().equals(rule.metric()) && rule.selects(s.labels()))
        .map(s -> verdict(rule, s, openByFingerprint, now))
        .sorted(Comparator.comparing(v -> v.series().toString()))
        .toList();
    return new RuleTest(rule, now, verdicts);
  }

  private static Verdict verdict(AlarmRule rule, Sample s, Map<String, AlarmState> open, Instant now) {
    String fingerprint = Fingerprints.of(rule.name(), s.labels());
    Outcome outcome = !rule.breaches(s.value()) ? Outcome.QUIET
        : rule.forDuration().isZero() ? Outcome.WOULD_FIRE : Outcome.WOULD_PEND;
    Instant firesAt = outcome == Outcome.QUIET ? null : now.plus(rule.forDuration());
    Map<String, String> annotations = Templates.renderAll(rule.annotations(), rule.alarmLabels(s.labels()), s.value(),
        rule.threshold(), rule.name());
    return new Verdict(s.labels(), fingerprint, s.value(), s.at(), outcome, firesAt, annotations,
        open.get(fingerprint));
  }

  /** The series that would pend or fire. */
  public List<Verdict> breaching() {
    return matched.stream().filter(v -> v.outcome() != Outcome.QUIET).toList();
  }
}
