package io.vigil.domain.breaker;

import java.util.Locale;

/** Why a breaker changes state: the reason carried by every {@link BreakerTransition}. */
public enum BreakerTrigger {
  /** The failure rate over the window reached the threshold (with at least the minimum number of calls). */
  FAILURE_RATE,
  /** The slow-call rate over the window reached its threshold. */
  SLOW_CALL_RATE,
  /** The open duration passed: trial calls may go through. */
  OPEN_ELAPSED,
  /** Every trial call succeeded. */
  TRIALS_PASSED,
  /** A trial call failed (or was slow, when slow calls count). */
  TRIAL_FAILED,
  /** An operator (or recovery) forced it open until released. */
  FORCE_OPEN,
  /** An operator forced it closed until released: calls go through whatever the rate. */
  FORCE_CLOSE,
  /** A forced state was released. */
  RELEASE,
  /** An operator (or recovery) reset it: closed, with an empty window. */
  RESET,
  /** Another node opened it (shared state): open until that node's open time ends. */
  PEER_OPENED,
  /** Another node's trial calls passed (shared state): closed, with an empty window. */
  PEER_CLOSED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
