package io.vigil.domain.breaker;

import io.vigil.domain.IllegalTransitionException;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.vigil.domain.breaker.BreakerMachine.REJECTED;
import static io.vigil.domain.breaker.BreakerState.CLOSED;
import static io.vigil.domain.breaker.BreakerState.FORCED_CLOSED;
import static io.vigil.domain.breaker.BreakerState.FORCED_OPEN;
import static io.vigil.domain.breaker.BreakerState.HALF_OPEN;
import static io.vigil.domain.breaker.BreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BreakerMachineTest {
  /** Count window of 10 calls, the rate counts from 4 calls, opens at 50 %, 5 s open, 2 trials. */
  static final BreakerPolicy POLICY = new BreakerPolicy(BreakerPolicy.Window.COUNT, 10, 4, 50, Duration.ZERO, 100,
      Duration.ofSeconds(5), 2, Duration.ZERO);

  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  final List<BreakerTransition> transitions = new ArrayList<>();

  BreakerMachine machine(BreakerPolicy policy) {
    return new BreakerMachine("http:pay:443", policy, clock, transitions::add);
  }

  static void succeed(BreakerMachine m, int n) {
    for (int i = 0; i < n; i++) m.onSuccess(m.acquire(), 0);
  }

  static void fail(BreakerMachine m, int n) {
    for (int i = 0; i < n; i++) m.onFailure(m.acquire(), 0);
  }

  BreakerMachine opened() {
    BreakerMachine m = machine(POLICY);
    fail(m, 4);
    assertThat(m.state()).isEqualTo(OPEN);
    transitions.clear();
    return m;
  }

  @Test
  void itOpensWhenTheFailureRateReachesTheThresholdOnceTheMinimumNumberOfCallsIsIn() {
    BreakerMachine m = machine(POLICY);

    fail(m, 3);
    assertThat(m.state()).as("3 failures of 3 calls: below the minimum of 4").isEqualTo(CLOSED);
    succeed(m, 1);
    assertThat(m.state()).as("a success never opens it").isEqualTo(CLOSED);
    fail(m, 1);

    assertThat(m.state()).isEqualTo(OPEN);
    assertThat(transitions).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("http:pay:443");
      assertThat(t.from()).isEqualTo(CLOSED);
      assertThat(t.to()).isEqualTo(OPEN);
      assertThat(t.reason()).isEqualTo(BreakerTrigger.FAILURE_RATE);
      assertThat(t.failureRate()).isEqualTo(80.0);
      assertThat(t.at()).isEqualTo(clock.instant());
    });
  }

  @Test
  void failuresBelowTheRateKeepItClosed() {
    BreakerMachine m = machine(POLICY);

    for (int i = 0; i < 50; i++) {
      succeed(m, 1);
      fail(m, 1);
      succeed(m, 2);
      fail(m, 1);
    }

    assertThat(m.state()).isEqualTo(CLOSED);
    assertThat(m.snapshot().failureRate()).isEqualTo(40.0);
    assertThat(m.snapshot().calls()).as("the count window holds the last 10 calls").isEqualTo(10);
  }

  @Test
  void theCountWindowForgetsCallsOlderThanItsSize() {
    BreakerMachine m = machine(POLICY);
    fail(m, 3);
    succeed(m, 10);

    fail(m, 4);

    assertThat(m.state()).as("the early failures fell out: 4 of 10").isEqualTo(CLOSED);
    fail(m, 1);
    assertThat(m.state()).isEqualTo(OPEN);
  }

  @Test
  void anOpenBreakerRefusesCallsUntilTheOpenDurationHasPassed() {
    BreakerMachine m = opened();

    clock.advance(Duration.ofMillis(4_999));
    assertThat(m.acquire()).isEqualTo(REJECTED);
    assertThat(m.snapshot().openUntil()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    clock.advance(Duration.ofMillis(1));

    assertThat(m.acquire()).isNotEqualTo(REJECTED);
    assertThat(m.state()).isEqualTo(HALF_OPEN);
    assertThat(transitions).extracting(BreakerTransition::reason).containsExactly(BreakerTrigger.OPEN_ELAPSED);
    assertThat(m.snapshot().rejected()).isEqualTo(1);
  }

  @Test
  void halfOpenLetsOnlyTheTrialCallsThroughAndClosesWhenAllSucceed() {
    BreakerMachine m = opened();
    clock.advance(Duration.ofSeconds(5));

    long first = m.acquire();
    long second = m.acquire();
    assertThat(m.acquire()).as("a third call while two trials are out").isEqualTo(REJECTED);
    m.onSuccess(first, 0);
    assertThat(m.state()).isEqualTo(HALF_OPEN);
    m.onSuccess(second, 0);

    assertThat(m.state()).isEqualTo(CLOSED);
    assertThat(transitions).extracting(BreakerTransition::to).containsExactly(HALF_OPEN, CLOSED);
    assertThat(m.snapshot().calls()).as("closed again with an empty window").isZero();
  }

  @Test
  void aFailedTrialReopensForAnotherOpenDuration() {
    BreakerMachine m = opened();
    clock.advance(Duration.ofSeconds(5));
    long trial = m.acquire();

    clock.advance(Duration.ofSeconds(1));
    m.onFailure(trial, 0);

    assertThat(m.state()).isEqualTo(OPEN);
    assertThat(transitions).extracting(BreakerTransition::reason)
        .containsExactly(BreakerTrigger.OPEN_ELAPSED, BreakerTrigger.TRIAL_FAILED);
    assertThat(m.snapshot().openUntil()).isEqualTo(Instant.parse("2026-01-01T00:00:11Z"));
  }

  @Test
  void anOutcomeOfACallStartedBeforeTheBreakerMovedCountsOnlyInTheTotals() {
    BreakerMachine m = machine(POLICY);
    long startedWhileClosed = m.acquire();
    fail(m, 4);
    clock.advance(Duration.ofSeconds(5));
    long trial = m.acquire();

    m.onSuccess(startedWhileClosed, 0);
    m.onSuccess(startedWhileClosed, 0);
    assertThat(m.state()).as("a stale success is no trial").isEqualTo(HALF_OPEN);
    m.onFailure(startedWhileClosed, 0);
    assertThat(m.state()).as("nor does a stale failure re-open it").isEqualTo(HALF_OPEN);

    m.onSuccess(trial, 0);
    m.onSuccess(m.acquire(), 0);
    assertThat(m.state()).isEqualTo(CLOSED);
    assertThat(m.snapshot().succeeded()).isEqualTo(4);
    assertThat(m.snapshot().failed()).isEqualTo(5);
  }

  @Test
  void slowCallsOpenItWhenTheirRateReachesTheThresholdAndFailATrial() {
    BreakerPolicy slow = new BreakerPolicy(BreakerPolicy.Window.COUNT, 10, 4, 50, Duration.ofMillis(100), 75,
        Duration.ofSeconds(5), 1, Duration.ZERO);
    BreakerMachine m = machine(slow);
    long slowNanos = Duration.ofMillis(100).toNanos();

    m.onSuccess(m.acquire(), slowNanos - 1);
    for (int i = 0; i < 2; i++) m.onSuccess(m.acquire(), slowNanos);
    assertThat(m.state()).isEqualTo(CLOSED);
    m.onSuccess(m.acquire(), slowNanos);
    assertThat(m.state()).as("3 of 4 slow: 75 %").isEqualTo(CLOSED.next(BreakerTrigger.SLOW_CALL_RATE));
    assertThat(transitions.get(0).reason()).isEqualTo(BreakerTrigger.SLOW_CALL_RATE);

    clock.advance(Duration.ofSeconds(5));
    m.onSuccess(m.acquire(), slowNanos);
    assertThat(m.state()).as("a slow trial counts as failed").isEqualTo(OPEN);
  }

  @Test
  void slowCallsAreNotCountedWhenSlowCallHandlingIsOff() {
    BreakerMachine m = machine(POLICY);

    for (int i = 0; i < 10; i++) m.onSuccess(m.acquire(), Duration.ofMinutes(1).toNanos());

    assertThat(m.state()).isEqualTo(CLOSED);
    assertThat(m.snapshot().slowCalls()).isZero();
  }

  @Test
  void aTimeWindowCountsOnlyTheCallsOfItsLastSeconds() {
    BreakerPolicy timed = new BreakerPolicy(BreakerPolicy.Window.TIME, 10, 4, 50, Duration.ZERO, 100,
        Duration.ofSeconds(5), 1, Duration.ZERO);
    BreakerMachine m = machine(timed);

    fail(m, 3);
    clock.advance(Duration.ofSeconds(10));
    fail(m, 1);
    assertThat(m.state()).as("the first three are older than 10 s").isEqualTo(CLOSED);
    assertThat(m.snapshot().calls()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(9));
    fail(m, 3);

    assertThat(m.state()).isEqualTo(OPEN);
    assertThat(transitions.get(0).failureRate()).isEqualTo(100.0);
  }

  @Test
  void forcedOpenRefusesEveryCallUntilReleasedAndTheRateDoesNotMoveIt() {
    BreakerMachine m = machine(POLICY);

    BreakerTransition forced = m.forceOpen();
    clock.advance(Duration.ofHours(1));

    assertThat(forced.reason()).isEqualTo(BreakerTrigger.FORCE_OPEN);
    assertThat(m.acquire()).isEqualTo(REJECTED);
    assertThat(m.state()).isEqualTo(FORCED_OPEN);
    assertThat(m.snapshot().forced()).isTrue();
    assertThat(m.forceOpen()).as("already forced open: no transition").isNull();

    assertThat(m.release().to()).isEqualTo(CLOSED);
    assertThat(m.acquire()).isNotEqualTo(REJECTED);
  }

  @Test
  void forcedClosedLetsEveryCallThroughWhateverTheFailureRate() {
    BreakerMachine m = machine(POLICY);
    m.forceClose();

    fail(m, 20);

    assertThat(m.state()).isEqualTo(FORCED_CLOSED);
    assertThat(m.snapshot().failureRate()).as("still measured").isEqualTo(100.0);
    assertThat(m.release().to()).isEqualTo(CLOSED);
    assertThat(m.snapshot().calls()).isZero();
  }

  @Test
  void resetClosesAnOpenBreakerAndOnlyClearsTheWindowOfAClosedOne() {
    BreakerMachine m = opened();

    assertThat(m.reset().reason()).isEqualTo(BreakerTrigger.RESET);
    assertThat(m.state()).isEqualTo(CLOSED);
    fail(m, 3);
    assertThat(m.reset()).isNull();
    fail(m, 3);
    assertThat(m.state()).as("the window was cleared: 3 calls, below the minimum").isEqualTo(CLOSED);
  }

  @Test
  void theTableRefusesMovesItDoesNotList() {
    assertThat(CLOSED.accepts(BreakerTrigger.OPEN_ELAPSED)).isFalse();
    assertThat(OPEN.accepts(BreakerTrigger.FAILURE_RATE)).isFalse();
    assertThat(FORCED_OPEN.accepts(BreakerTrigger.FORCE_OPEN)).isFalse();
    assertThat(FORCED_OPEN.accepts(BreakerTrigger.TRIAL_FAILED)).isFalse();
    assertThatThrownBy(() -> CLOSED.next(BreakerTrigger.TRIALS_PASSED)).isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("CLOSED").hasMessageContaining("TRIALS_PASSED");
    for (BreakerState state : BreakerState.values()) {
      assertThat(state.accepts(BreakerTrigger.FORCE_OPEN) || state == FORCED_OPEN).isTrue();
      assertThat(state.accepts(BreakerTrigger.RESET) || state == CLOSED).isTrue();
    }
  }

  @Test
  void aPolicyRefusesValuesThatMakeNoSenseAndNamesThem() {
    assertThatThrownBy(() -> new BreakerPolicy(BreakerPolicy.Window.COUNT, 10, 11, 50, Duration.ZERO, 100,
        Duration.ofSeconds(5), 1, Duration.ZERO)).hasMessageContaining("minimum_calls");
    assertThatThrownBy(() -> new BreakerPolicy(BreakerPolicy.Window.COUNT, 10, 5, 0, Duration.ZERO, 100,
        Duration.ofSeconds(5), 1, Duration.ZERO)).hasMessageContaining("failure_rate_percent");
    assertThatThrownBy(() -> new BreakerPolicy(BreakerPolicy.Window.COUNT, 10, 5, 50, Duration.ZERO, 100,
        Duration.ZERO, 1, Duration.ZERO)).hasMessageContaining("open_ms");
    assertThatThrownBy(() -> new BreakerPolicy(BreakerPolicy.Window.COUNT, 10, 5, 50, Duration.ZERO, 100,
        Duration.ofSeconds(1), 0, Duration.ZERO)).hasMessageContaining("half_open_calls");
  }

  @Test
  void aPeersOpeningOpensAClosedBreakerUntilThePeersEndAndNamesThePeer() {
    BreakerMachine m = machine(POLICY);
    Instant until = clock.instant().plusSeconds(3);

    BreakerTransition t = m.adopt(BreakerTrigger.PEER_OPENED, until, "node-b", null);

    assertThat(t.to()).isEqualTo(OPEN);
    assertThat(t.node()).isEqualTo("node-b");
    assertThat(m.snapshot().openUntil()).isEqualTo(until);
    assertThat(m.acquire()).isEqualTo(REJECTED);
    clock.advance(Duration.ofSeconds(3));
    assertThat(m.acquire()).as("the peer's end, not this node's open duration").isNotEqualTo(REJECTED);
  }

  @Test
  void aPeersOpeningThatEndedAlreadyOrMeetsAForcedStateChangesNothing() {
    BreakerMachine m = machine(POLICY);
    assertThat(m.adopt(BreakerTrigger.PEER_OPENED, clock.instant(), "node-b", null)).isNull();
    m.forceClose("ops");
    assertThat(m.adopt(BreakerTrigger.PEER_OPENED, clock.instant().plusSeconds(5), "node-b", null)).isNull();
    assertThat(m.state()).isEqualTo(FORCED_CLOSED);
    assertThat(m.adopt(BreakerTrigger.PEER_CLOSED, null, "node-b", null)).as("only an operator ends it").isNull();
  }

  @Test
  void refusesCallsSaysWhatTheNextCallWouldMeetWithoutMovingTheBreaker() {
    BreakerMachine m = opened();
    assertThat(m.refusesCalls()).isTrue();
    clock.advance(Duration.ofSeconds(5));
    assertThat(m.refusesCalls()).isFalse();
    assertThat(m.state()).as("still open until a call asks").isEqualTo(OPEN);
    m.forceOpen();
    assertThat(m.refusesCalls()).isTrue();
  }
}
