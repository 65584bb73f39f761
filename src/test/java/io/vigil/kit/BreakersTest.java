package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.domain.breaker.BreakerSnapshot;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTransition;
import io.vigil.domain.breaker.BreakerTrigger;
import io.vigil.testing.Await;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BreakersTest {
  /** Count window of 4, all 4 needed, opens at 50 %, 10 s open, 1 trial, 200 ms call timeout. */
  static final BreakerPolicy TIMED = new BreakerPolicy(BreakerPolicy.Window.COUNT, 4, 4, 50, Duration.ZERO, 100,
      Duration.ofSeconds(10), 1, Duration.ofMillis(200));
  static final BreakerPolicy UNTIMED = new BreakerPolicy(BreakerPolicy.Window.COUNT, 4, 4, 50, Duration.ZERO, 100,
      Duration.ofSeconds(10), 1, Duration.ZERO);

  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  final FakeTimers timers = new FakeTimers(clock);
  final Breakers breakers = new Breakers(clock, timers, UNTIMED);
  final List<BreakerTransition> transitions = new ArrayList<>();
  final AtomicInteger made = new AtomicInteger();

  {
    breakers.onTransition(transitions::add);
  }

  Future<String> answer(String value) {
    made.incrementAndGet();
    return Future.succeededFuture(value);
  }

  Future<String> refuse() {
    made.incrementAndGet();
    return Future.failedFuture("502 from the target");
  }

  @Test
  void aCallThroughAClosedBreakerAnswersWhatTheCallAnswers() {
    assertThat(breakers.execute("pay", () -> answer("receipt")).result()).isEqualTo("receipt");
    assertThat(breakers.execute("pay", this::refuse).cause()).hasMessage("502 from the target");

    BreakerSnapshot pay = breakers.breaker("pay").snapshot();
    assertThat(pay.succeeded()).isEqualTo(1);
    assertThat(pay.failed()).isEqualTo(1);
    assertThat(pay.state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void onceOpenCallsAreRefusedWithoutBeingMadeUntilTheOpenDurationPasses() {
    for (int i = 0; i < 4; i++) breakers.execute("pay", this::refuse);
    assertThat(made).hasValue(4);

    Future<String> refused = breakers.execute("pay", () -> answer("never"));

    assertThat(made).as("the call was not made").hasValue(4);
    assertThat(refused.cause()).isInstanceOf(BreakerOpenException.class).hasMessageContaining("'pay' is open");
    assertThat(((BreakerOpenException) refused.cause()).state()).isEqualTo(BreakerState.OPEN);

    clock.advance(Duration.ofSeconds(10));
    assertThat(breakers.execute("pay", () -> answer("trial")).result()).isEqualTo("trial");
    assertThat(breakers.breaker("pay").state()).isEqualTo(BreakerState.CLOSED);
    assertThat(transitions).extracting(BreakerTransition::reason).containsExactly(BreakerTrigger.FAILURE_RATE,
        BreakerTrigger.OPEN_ELAPSED, BreakerTrigger.TRIALS_PASSED);
  }

  @Test
  void aCallThatOutlivesTheCallTimeoutFailsCountsAsAFailureAndItsLateAnswerIsIgnored() {
    Breaker slow = breakers.breaker("slow", TIMED);
    Promise<String> never = Promise.promise();

    Future<String> answer = slow.execute(never::future);
    timers.advanceMillis(199);
    assertThat(answer.isComplete()).isFalse();
    timers.advanceMillis(1);

    assertThat(answer.cause()).isInstanceOf(BreakerTimeoutException.class).hasMessageContaining("200 ms");
    never.complete("too late");
    assertThat(slow.snapshot().failed()).isEqualTo(1);
    assertThat(slow.snapshot().succeeded()).as("the late answer is not counted").isZero();
  }

  @Test
  void anAnswerBeforeTheCallTimeoutCancelsItsTimer() {
    Breaker timed = breakers.breaker("timed", TIMED);
    Promise<String> later = Promise.promise();

    Future<String> answer = timed.execute(later::future);
    later.complete("in time");

    assertThat(answer.result()).isEqualTo("in time");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void aCallThatThrowsOrReturnsNoFutureCountsAsAFailure() {
    Future<String> thrown = breakers.execute("odd", () -> {
      throw new IllegalStateException("bug in the caller");
    });
    Future<String> none = breakers.execute("odd", () -> null);

    assertThat(thrown.cause()).hasMessage("bug in the caller");
    assertThat(none.cause()).hasMessageContaining("no future");
    assertThat(breakers.breaker("odd").snapshot().failed()).isEqualTo(2);
  }

  @Test
  void oneBreakerPerNameMadeWithTheDefaultsAndAnExistingOneKeepsItsOptions() {
    Breaker first = breakers.breaker("pay");
    Breaker again = breakers.breaker("pay", TIMED);

    assertThat(again).isSameAs(first);
    assertThat(again.machine().policy()).isEqualTo(UNTIMED);
    breakers.defaults(TIMED);
    assertThat(breakers.breaker("new").machine().policy()).as("defaults apply to breakers made afterwards")
        .isEqualTo(TIMED);
    assertThat(breakers.find("unknown")).isEmpty();
  }

  @Test
  void aReloadAppliesNewThresholdsOpenDurationAndCallTimeoutToExistingBreakersKeepingTheirState() {
    for (int i = 0; i < 3; i++) breakers.execute("pay", this::refuse); // 3 of 4 calls needed so far: still closed
    breakers.breaker("keep");
    // two calls are enough now, 5 s open, a 200 ms call timeout; "keep" is not named and keeps the unchanged defaults
    BreakerPolicy quicker = new BreakerPolicy(BreakerPolicy.Window.COUNT, 4, 2, 50, Duration.ZERO, 100,
        Duration.ofSeconds(5), 1, Duration.ofMillis(200));

    List<String> changed = breakers.configure(new io.vigil.config.BreakersConfig(UNTIMED, java.util.Map.of("pay", quicker), true));

    assertThat(changed).containsExactly("pay");
    assertThat(breakers.breaker("pay").state()).as("a reload moves no breaker").isEqualTo(BreakerState.CLOSED);
    assertThat(breakers.breaker("pay").snapshot().calls()).as("the same window keeps its calls").isEqualTo(3);
    breakers.execute("pay", this::refuse);
    assertThat(breakers.breaker("pay").state()).isEqualTo(BreakerState.OPEN);
    clock.advance(Duration.ofSeconds(5));
    Future<String> trial = breakers.execute("pay", () -> Promise.<String>promise().future());
    timers.advance(Duration.ofMillis(200));
    assertThat(trial.cause()).as("the new call timeout").isInstanceOf(BreakerTimeoutException.class);
    assertThat(breakers.breaker("keep").machine().policy()).isEqualTo(UNTIMED);
  }

  @Test
  void breakerOptionsReloadLiveButSharingWaitsForARestart() {
    assertThat(io.vigil.config.ReloadPolicy.isLive("breakers.named.http:pay:443.open_ms", false)).isTrue();
    assertThat(io.vigil.config.ReloadPolicy.isLive("breakers.failure_rate_percent", false)).isTrue();
    assertThat(io.vigil.config.ReloadPolicy.isLive("breakers.shared", false)).isFalse();
  }

  @Test
  void snapshotsListEveryBreakerByName() {
    breakers.breaker("b");
    breakers.breaker("a").machine().forceOpen();

    List<BreakerSnapshot> all = breakers.snapshots();

    assertThat(all).extracting(BreakerSnapshot::name).containsExactly("a", "b");
    assertThat(all.get(0).forced()).isTrue();
    assertThat(all.get(0).lastTransition().reason()).isEqualTo(BreakerTrigger.FORCE_OPEN);
  }

  @Test
  void aListenerThatStoppedListeningHearsNothingMore() {
    List<BreakerTransition> heard = new ArrayList<>();
    Runnable stop = breakers.onTransition(heard::add);
    breakers.breaker("x").machine().forceOpen();
    stop.run();

    breakers.breaker("x").machine().release();

    assertThat(heard).hasSize(1);
    assertThat(transitions).hasSize(2);
  }

  @Test
  void everyCallerOnOneVertxSharesOneRegistryAndAnotherVertxHasItsOwn() {
    Vertx one = Vertx.vertx();
    Vertx two = Vertx.vertx();
    try {
      assertThat(Breakers.of(one)).isSameAs(Breakers.of(one));
      assertThat(Breakers.of(one)).isNotSameAs(Breakers.of(two));
      assertThat(Breakers.of(one).defaults()).isEqualTo(BreakerPolicy.DEFAULTS);
    } finally {
      Await.result(one.close());
      Await.result(two.close());
    }
  }
}
