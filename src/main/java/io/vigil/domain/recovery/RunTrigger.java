package io.vigil.domain.recovery;

/** What moves a plan run: one row of {@link RunState}'s table each. */
public enum RunTrigger {
  /** The action of the current attempt ended (whatever its outcome): the component is probed next. */
  ACTED,
  /** The re-probe says the component answers again. */
  HEALED,
  /** The re-probe says it does not, and the current action has attempts left: wait its backoff. */
  RETRY,
  /** The re-probe says it does not, the current action is spent, and a later action is next. */
  NEXT_ACTION,
  /** Nothing is left to try, or the action asks for a person at once ({@code manual}). */
  EXHAUSTED,
  /** The backoff between two attempts of one action is over. */
  BACKOFF_OVER,
  /** The run stops unfinished: the system was stopped, the plan was removed, the leader changed. */
  ABORT
}
