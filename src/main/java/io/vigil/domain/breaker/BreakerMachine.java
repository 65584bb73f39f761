package io.vigil.domain.breaker;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One circuit breaker's state, driven by the outcomes of the calls it guards and by a {@link Clock}; the moves come
 * from {@link BreakerState}'s one table. A caller asks {@link #acquire} before a call and reports the call's outcome
 * with the permit it got; an outcome reported under an older permit (the breaker changed state since the call began)
 * counts in the totals but not in the window, so a slow call started while closed can neither re-open a half-open
 * breaker nor pass as its trial. OPEN moves to HALF_OPEN on the first {@link #acquire} after the open duration: no
 * timer is needed. Each change goes to the listener as a {@link BreakerTransition}, outside the lock.
 *
 * <p>Thread-safe (one short lock per call, uncontended when one event loop uses the breaker); allocates nothing on
 * the call path while closed.
 */
public final class BreakerMachine {
  /** What {@link #acquire} answers when the call must not go through. */
  public static final long REJECTED = -1;

  private final String name;
  private volatile BreakerPolicy policy;
  private final Clock clock;
  private final Consumer<BreakerTransition> listener;
  private CallWindow window;
  private long slowCallNanos;
  private BreakerState state = BreakerState.CLOSED;
  /** Changes with every transition; a permit is the epoch it was given in. */
  private long epoch;
  private Instant since;
  private long openUntilMillis;
  private int trialsStarted;
  private int trialsPassed;
  private long succeeded;
  private long failed;
  private long rejected;
  private BreakerTransition lastTransition;
  /** The transition that opened it (which node tripped it) while it refuses calls or tries; null when closed. */
  private BreakerTransition opened;

  public BreakerMachine(String name, BreakerPolicy policy, Clock clock, Consumer<BreakerTransition> listener) {
    this.name = name;
    this.policy = policy;
    this.clock = clock;
    this.listener = listener;
    this.window = CallWindow.of(policy, clock);
    this.slowCallNanos = policy.slowCall().toNanos();
    this.since = clock.instant();
  }

  public String name() {
    return name;
  }

  public BreakerPolicy policy() {
    return policy;
  }

  /**
   * Takes new options (a config reload) without changing the state: thresholds, minimum calls, slow-call limit and
   * trial count apply to the next outcome, the open duration to the next opening (a breaker open now keeps the end it
   * announced, which peers may share). A window of another kind or size starts empty; an equal one keeps its calls.
   * Answers whether anything changed.
   */
  public boolean reconfigure(BreakerPolicy next) {
    synchronized (this) {
      if (next.equals(policy)) return false;
      if (next.window() != policy.window() || next.windowSize() != policy.windowSize()) {
        window = CallWindow.of(next, clock);
      }
      slowCallNanos = next.slowCall().toNanos();
      policy = next;
      return true;
    }
  }

  /** A permit (>= 0) when the call may go through, {@link #REJECTED} when not. */
  public long acquire() {
    BreakerTransition moved = null;
    long permit;
    synchronized (this) {
      switch (state) {
        case CLOSED, FORCED_CLOSED -> permit = epoch;
        case OPEN -> {
          if (clock.millis() < openUntilMillis) {
            rejected++;
            permit = REJECTED;
          } else {
            moved = move(BreakerTrigger.OPEN_ELAPSED, null, null, null);
            permit = trial();
          }
        }
        case HALF_OPEN -> permit = trial();
        default -> {
          rejected++;
          permit = REJECTED;
        }
      }
    }
    publish(moved);
    return permit;
  }

  private long trial() {
    if (trialsStarted >= policy.halfOpenCalls()) {
      rejected++;
      return REJECTED;
    }
    trialsStarted++;
    return epoch;
  }

  /** The call given {@code permit} succeeded after {@code nanos}. */
  public void onSuccess(long permit, long nanos) {
    BreakerTransition moved;
    synchronized (this) {
      succeeded++;
      if (permit != epoch) return;
      moved = outcome(false, isSlow(nanos));
    }
    publish(moved);
  }

  /** The call given {@code permit} failed (or timed out) after {@code nanos}. */
  public void onFailure(long permit, long nanos) {
    BreakerTransition moved;
    synchronized (this) {
      failed++;
      if (permit != epoch) return;
      moved = outcome(true, isSlow(nanos));
    }
    publish(moved);
  }

  private boolean isSlow(long nanos) {
    return slowCallNanos > 0 && nanos >= slowCallNanos;
  }

  private BreakerTransition outcome(boolean failure, boolean slow) {
    switch (state) {
      case CLOSED -> {
        window.record(failure, slow);
        if (!failure && !slow || window.calls < policy.minimumCalls()) return null;
        if (window.failureRate() >= policy.failureRatePercent()) return move(BreakerTrigger.FAILURE_RATE, null, null, null);
        if (slow && window.slowCallRate() >= policy.slowCallRatePercent()) {
          return move(BreakerTrigger.SLOW_CALL_RATE, null, null, null);
        }
        return null;
      }
      case HALF_OPEN -> {
        if (failure || slow) return move(BreakerTrigger.TRIAL_FAILED, null, null, null);
        return ++trialsPassed >= policy.halfOpenCalls() ? move(BreakerTrigger.TRIALS_PASSED, null, null, null) : null;
      }
      case FORCED_CLOSED -> {
        window.record(failure, slow); // visible in the snapshot; never opens it
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  // ---- operators, recovery and peers -----------------------------------------------------------------------------

  /** Holds it open until {@link #release}; answers the transition, or null when it already was. */
  public BreakerTransition forceOpen() {
    return forceOpen(null);
  }

  /** {@link #forceOpen()} by {@code actor} (a token name; null: the system). */
  public BreakerTransition forceOpen(String actor) {
    return command(BreakerTrigger.FORCE_OPEN, null, actor);
  }

  /** Holds it closed until {@link #release}, whatever the failure rate. */
  public BreakerTransition forceClose() {
    return forceClose(null);
  }

  public BreakerTransition forceClose(String actor) {
    return command(BreakerTrigger.FORCE_CLOSE, null, actor);
  }

  /** Ends a forced state: closed, with an empty window. */
  public BreakerTransition release() {
    return release(null);
  }

  public BreakerTransition release(String actor) {
    return command(BreakerTrigger.RELEASE, null, actor);
  }

  /** Closed with an empty window, from any state; a closed breaker only forgets its window. */
  public BreakerTransition reset() {
    return reset(null);
  }

  public BreakerTransition reset(String actor) {
    synchronized (this) {
      if (state == BreakerState.CLOSED) {
        window.reset();
        return null;
      }
    }
    return command(BreakerTrigger.RESET, null, actor);
  }

  /**
   * Takes on what a peer node's breaker of the same name did (shared state): {@code PEER_OPENED} opens it until
   * {@code openUntil} (the peer's time, so every node lets trials through at the same moment), {@code PEER_CLOSED}
   * closes an open or half-open one, {@code FORCE_OPEN}, {@code FORCE_CLOSE}, {@code RELEASE} and {@code RESET} do
   * what they do here. A move the table does not list is ignored (null), so a late or repeated message is harmless;
   * so is a peer's opening that ended already.
   */
  public BreakerTransition adopt(BreakerTrigger trigger, Instant openUntil, String node, String actor) {
    if (trigger == BreakerTrigger.PEER_OPENED && (openUntil == null || !openUntil.isAfter(clock.instant()))) {
      return null;
    }
    if (trigger == BreakerTrigger.PEER_OPENED) {
      synchronized (this) {
        if (state == BreakerState.OPEN) { // open here too: the later end wins, so trials start together
          if (openUntil.toEpochMilli() > openUntilMillis) openUntilMillis = openUntil.toEpochMilli();
          return null;
        }
      }
    }
    return command(trigger, node, actor, openUntil);
  }

  /** Whether a call asked for now would be refused; changes nothing (the open time passing is seen at the call). */
  public synchronized boolean refusesCalls() {
    return switch (state) {
      case FORCED_OPEN -> true;
      case OPEN -> clock.millis() < openUntilMillis;
      case HALF_OPEN -> trialsStarted >= policy.halfOpenCalls();
      default -> false;
    };
  }

  private BreakerTransition command(BreakerTrigger trigger, String node, String actor) {
    return command(trigger, node, actor, null);
  }

  private BreakerTransition command(BreakerTrigger trigger, String node, String actor, Instant openUntil) {
    BreakerTransition moved;
    synchronized (this) {
      if (!state.accepts(trigger)) return null;
      moved = move(trigger, node, actor, openUntil);
    }
    publish(moved);
    return moved;
  }

  // ---- moving ----------------------------------------------------------------------------------------------------

  private BreakerTransition move(BreakerTrigger trigger, String node, String actor, Instant peerOpenUntil) {
    window.refresh();
    BreakerState next = state.next(trigger);
    Instant now = clock.instant();
    Instant until = null;
    if (next == BreakerState.OPEN) {
      until = peerOpenUntil != null ? peerOpenUntil : now.plus(policy.openDuration());
      openUntilMillis = until.toEpochMilli();
    }
    BreakerTransition transition = new BreakerTransition(name, state, next, now, window.failureRate(), trigger, until,
        node, actor);
    state = next;
    since = now;
    epoch++;
    trialsStarted = 0;
    trialsPassed = 0;
    if (next == BreakerState.CLOSED || next == BreakerState.FORCED_CLOSED) window.reset();
    if (next == BreakerState.OPEN || next == BreakerState.FORCED_OPEN) opened = transition;
    else if (next != BreakerState.HALF_OPEN) opened = null;
    lastTransition = transition;
    return transition;
  }

  private void publish(BreakerTransition transition) {
    if (transition != null) listener.accept(transition);
  }

  public synchronized BreakerState state() {
    return state;
  }

  public synchronized BreakerSnapshot snapshot() {
    window.refresh();
    return new BreakerSnapshot(name, state, since, window.failureRate(), window.slowCallRate(), window.calls,
        window.failures, window.slowCalls, policy.minimumCalls(), succeeded, failed, rejected,
        state == BreakerState.OPEN ? Instant.ofEpochMilli(openUntilMillis) : null, lastTransition, opened);
  }
}
