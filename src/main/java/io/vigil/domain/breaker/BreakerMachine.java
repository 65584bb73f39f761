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
  private final BreakerPolicy policy;
  private final Clock clock;
  private final Consumer<BreakerTransition> listener;
  private final CallWindow window;
  private final long slowCallNanos;
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
            moved = move(BreakerTrigger.OPEN_ELAPSED);
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
        if (window.failureRate() >= policy.failureRatePercent()) return move(BreakerTrigger.FAILURE_RATE);
        if (slow && window.slowCallRate() >= policy.slowCallRatePercent()) return move(BreakerTrigger.SLOW_CALL_RATE);
        return null;
      }
      case HALF_OPEN -> {
        if (failure || slow) return move(BreakerTrigger.TRIAL_FAILED);
        return ++trialsPassed >= policy.halfOpenCalls() ? move(BreakerTrigger.TRIALS_PASSED) : null;
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

  // ---- operators (and later: recovery, config, peers) ------------------------------------------------------------

  /** Holds it open until {@link #release}; answers the transition, or null when it already was. */
  public BreakerTransition forceOpen() {
    return command(BreakerTrigger.FORCE_OPEN);
  }

  /** Holds it closed until {@link #release}, whatever the failure rate. */
  public BreakerTransition forceClose() {
    return command(BreakerTrigger.FORCE_CLOSE);
  }

  /** Ends a forced state: closed, with an empty window. */
  public BreakerTransition release() {
    return command(BreakerTrigger.RELEASE);
  }

  /** Closed with an empty window, from any state; a closed breaker only forgets its window. */
  public BreakerTransition reset() {
    synchronized (this) {
      if (state == BreakerState.CLOSED) {
        window.reset();
        return null;
      }
    }
    return command(BreakerTrigger.RESET);
  }

  private BreakerTransition command(BreakerTrigger trigger) {
    BreakerTransition moved;
    synchronized (this) {
      if (!state.accepts(trigger)) return null;
      moved = move(trigger);
    }
    publish(moved);
    return moved;
  }

  // ---- moving ----------------------------------------------------------------------------------------------------

  private BreakerTransition move(BreakerTrigger trigger) {
    window.refresh();
    BreakerState next = state.next(trigger);
    Instant now = clock.instant();
    BreakerTransition transition = new BreakerTransition(name, state, next, now, window.failureRate(), trigger);
    state = next;
    since = now;
    epoch++;
    trialsStarted = 0;
    trialsPassed = 0;
    if (next == BreakerState.OPEN) openUntilMillis = now.toEpochMilli() + policy.openDuration().toMillis();
    if (next == BreakerState.CLOSED || next == BreakerState.FORCED_CLOSED) window.reset();
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
        state == BreakerState.OPEN ? Instant.ofEpochMilli(openUntilMillis) : null, lastTransition);
  }
}
