package io.vigil.domain.alarm;

import io.vigil.domain.IllegalTransitionException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of one alarm. {@link #LEGAL} is the one table of allowed moves; anything else is a bug and throws.
 * Silenced and suppressed are flags beside the state, not states: a silenced alarm still pends, fires and resolves.
 *
 * <pre>
 *   (breach) ──▶ pending ──for elapsed──▶ firing ──ack──▶ acknowledged
 *                  │                        │                 │
 *                  └── cleared before for ──┴──── cleared / manual resolve / rule removed ──▶ resolved
 * </pre>
 *
 * A resolved alarm is closed for good; the same condition breaching again opens a new alarm with the same
 * fingerprint and a new id.
 */
public enum AlarmState {
  PENDING, FIRING, ACKNOWLEDGED, RESOLVED;

  private static final Map<AlarmState, Set<AlarmState>> LEGAL = Map.of(
      PENDING, EnumSet.of(FIRING, RESOLVED),
      FIRING, EnumSet.of(ACKNOWLEDGED, RESOLVED),
      ACKNOWLEDGED, EnumSet.of(RESOLVED),
      RESOLVED, EnumSet.noneOf(AlarmState.class));

  public boolean canMoveTo(AlarmState next) {
    return LEGAL.get(this).contains(next);
  }

  /** Throws {@link IllegalTransitionException} when the move is not in the table. */
  public AlarmState checkMoveTo(AlarmState next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException(this, next);
    }
    return next;
  }

  /** Open: the condition is (or was last seen) active; at most one open alarm per fingerprint. */
  public boolean isOpen() {
    return this != RESOLVED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlarmState fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public static Set<AlarmState> legalMovesFrom(AlarmState state) {
    return Set.copyOf(LEGAL.get(state));
  }
}
