package io.vigil.domain.recovery;

import io.vigil.domain.IllegalTransitionException;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import static io.vigil.domain.recovery.RunTrigger.ABORT;
import static io.vigil.domain.recovery.RunTrigger.ACTED;
import static io.vigil.domain.recovery.RunTrigger.BACKOFF_OVER;
import static io.vigil.domain.recovery.RunTrigger.NEXT_ACTION;
import static io.vigil.domain.recovery.RunTrigger.RETRY;

/**
 * The lifecycle of one run of a recovery plan. {@link #TABLE} is the one transition table; any other move is refused
 * with {@link IllegalTransitionException}.
 *
 * <pre>
 *  ACTING --acted--> VERIFYING --healed--> HEALED
 *    ^   \               |  \--retry--> BACKING_OFF --backoff_over--> ACTING
 *    |    exhausted      |--next_action--> ACTING (the next action, attempt 1)
 *    |     (manual)      \--exhausted--> EXHAUSTED
 *  any unfinished state --abort--> ABORTED
 * </pre>
 */
public enum RunState {
  ACTING, VERIFYING, BACKING_OFF, HEALED, EXHAUSTED, ABORTED;

  private static final Map<RunState, Map<RunTrigger, RunState>> TABLE = new EnumMap<>(Map.of(
      ACTING, Map.of(ACTED, VERIFYING, RunTrigger.EXHAUSTED, RunState.EXHAUSTED, ABORT, ABORTED),
      VERIFYING, Map.of(RunTrigger.HEALED, RunState.HEALED, RETRY, BACKING_OFF, NEXT_ACTION, ACTING,
          RunTrigger.EXHAUSTED, RunState.EXHAUSTED, ABORT, ABORTED),
      BACKING_OFF, Map.of(BACKOFF_OVER, ACTING, ABORT, ABORTED),
      HEALED, Map.of(),
      RunState.EXHAUSTED, Map.of(),
      ABORTED, Map.of()));

  /** Where {@code trigger} moves this state; throws when the table has no such move. */
  public RunState next(RunTrigger trigger) {
    RunState next = TABLE.get(this).get(trigger);
    if (next == null) throw new IllegalTransitionException(this + " does not move on " + trigger);
    return next;
  }

  public boolean accepts(RunTrigger trigger) {
    return TABLE.get(this).containsKey(trigger);
  }

  /** The run is over. */
  public boolean isFinal() {
    return TABLE.get(this).isEmpty();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
