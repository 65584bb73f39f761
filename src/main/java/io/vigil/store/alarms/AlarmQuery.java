package io.vigil.store.alarms;

import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmState;

import java.util.EnumSet;
import java.util.Set;

/**
 * Alarms in any of {@code states} (empty = any) and of {@code severity} and {@code rule} (null = any), newest first by
 * (started at, id), at most {@code limit}.
 */
public record AlarmQuery(Set<AlarmState> states, Severity severity, String rule, int limit) {
  public static final int MAX_LIMIT = 10_000;

  public AlarmQuery {
    states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(states);
    if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
  }

  /** Every open alarm (pending, firing, acknowledged): what reconcile reads at start and on leader change. */
  public static AlarmQuery open(int limit) {
    return new AlarmQuery(EnumSet.of(AlarmState.PENDING, AlarmState.FIRING, AlarmState.ACKNOWLEDGED), null, null,
        limit);
  }
}
