package io.vigil.domain.health;

import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.vigil.domain.health.HealthOutcome.degraded;
import static io.vigil.domain.health.HealthOutcome.failed;
import static io.vigil.domain.health.HealthOutcome.ok;
import static io.vigil.domain.health.HealthOutcome.unknown;
import static io.vigil.domain.health.HealthStatus.DEGRADED;
import static io.vigil.domain.health.HealthStatus.HEALTHY;
import static io.vigil.domain.health.HealthStatus.UNHEALTHY;
import static io.vigil.domain.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthTrackerTest {
  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  /** Three failures in a row to go down, two successes in a row to come back. */
  final HealthThresholds thresholds = new HealthThresholds(3, 2);

  HealthTracker healthy() {
    return new HealthTracker(thresholds, HEALTHY, clock);
  }

  HealthStatus feed(HealthTracker tracker, HealthOutcome... outcomes) {
    for (HealthOutcome outcome : outcomes) tracker.record(outcome);
    return tracker.status();
  }

  @Test
  void aHealthyComponentStaysHealthyUntilTheFailureThresholdIsReachedInARow() {
    HealthTracker tracker = healthy();

    assertThat(tracker.record(failed("refused"))).isEmpty();
    assertThat(tracker.record(failed("refused"))).isEmpty();
    Optional<HealthTransition> third = tracker.record(failed("refused again"));

    assertThat(third).isPresent();
    assertThat(third.get().previous()).isEqualTo(HEALTHY);
    assertThat(third.get().current()).isEqualTo(UNHEALTHY);
    assertThat(third.get().consecutiveFailures()).isEqualTo(3);
    assertThat(third.get().lastError()).isEqualTo("refused again");
  }

  @Test
  void aSuccessBetweenFailuresStartsTheCountAgain() {
    HealthTracker tracker = healthy();

    assertThat(feed(tracker, failed("x"), failed("x"), ok(), failed("x"), failed("x"))).isEqualTo(HEALTHY);
    assertThat(tracker.consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void anUnhealthyComponentNeedsTheSuccessThresholdInARowToComeBack() {
    HealthTracker tracker = healthy();
    feed(tracker, failed("x"), failed("x"), failed("x"));

    assertThat(tracker.record(ok())).isEmpty();
    assertThat(tracker.record(failed("flap"))).isEmpty();
    assertThat(tracker.record(ok())).isEmpty();
    Optional<HealthTransition> back = tracker.record(ok());

    assertThat(back).map(HealthTransition::current).contains(HEALTHY);
    assertThat(back.get().consecutiveSuccesses()).isEqualTo(2);
    assertThat(back.get().lastError()).as("the last error stays known after recovery").isEqualTo("flap");
  }

  @Test
  void theTransitionSaysWhenAndHowLongThePreviousStatusLasted() {
    HealthTracker tracker = new HealthTracker(HealthThresholds.IMMEDIATE, HEALTHY, clock);
    clock.advance(Duration.ofSeconds(5));
    HealthTransition down = tracker.record(failed("gone")).orElseThrow();
    clock.advance(Duration.ofSeconds(7));

    HealthTransition up = tracker.record(ok()).orElseThrow();

    assertThat(down.at()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    assertThat(down.previousLasted()).isEqualTo(Duration.ofSeconds(5));
    assertThat(up.previousSince()).isEqualTo(down.at());
    assertThat(up.previousLasted()).isEqualTo(Duration.ofSeconds(7));
    assertThat(tracker.since()).isEqualTo(up.at());
    assertThat(up.outcome()).isEqualTo(ok());
  }

  @Test
  void degradedAnswersInARowDegradeAHealthyComponentAndFailuresAmongThemStillCount() {
    HealthTracker tracker = healthy();

    assertThat(feed(tracker, degraded("slow"), failed("x"))).isEqualTo(HEALTHY);
    Optional<HealthTransition> third = tracker.record(degraded("slow"));

    assertThat(third).map(HealthTransition::current).contains(DEGRADED);
    assertThat(feed(tracker, failed("x"), failed("x"), failed("x"))).isEqualTo(UNHEALTHY);
  }

  @Test
  void aDegradedComponentRecoversWithOksNotWithMoreDegradedAnswers() {
    HealthTracker tracker = healthy();
    feed(tracker, degraded("slow"), degraded("slow"), degraded("slow"));

    assertThat(feed(tracker, degraded("slow"), degraded("slow"), degraded("slow"))).isEqualTo(DEGRADED);
    assertThat(feed(tracker, ok(), ok())).isEqualTo(HEALTHY);
  }

  @Test
  void anUnhealthyComponentThatAnswersAgainButDegradedMovesToDegraded() {
    HealthTracker tracker = healthy();
    feed(tracker, failed("x"), failed("x"), failed("x"));

    assertThat(feed(tracker, degraded("slow"))).isEqualTo(UNHEALTHY);
    assertThat(feed(tracker, ok())).as("an ok answer counts as an answer too").isEqualTo(DEGRADED);
    assertThat(feed(tracker, ok())).isEqualTo(HEALTHY);
  }

  @Test
  void fromUnknownTheFirstRealOutcomeDecides() {
    assertThat(feed(HealthTracker.unknown(thresholds, clock), ok())).isEqualTo(HEALTHY);
    assertThat(feed(HealthTracker.unknown(thresholds, clock), degraded("slow"))).isEqualTo(DEGRADED);
    assertThat(feed(HealthTracker.unknown(thresholds, clock), failed("x"))).isEqualTo(UNHEALTHY);
    assertThat(feed(HealthTracker.unknown(thresholds, clock), unknown("no sample"))).isEqualTo(UNKNOWN);
  }

  @Test
  void unknownOutcomesInARowLoseSightOfTheComponentAndBreakOtherStreaks() {
    HealthTracker tracker = healthy();
    feed(tracker, failed("x"), failed("x"), unknown("checker busy"), failed("x"));
    assertThat(tracker.status()).as("the unknown broke the failure streak").isEqualTo(HEALTHY);

    Optional<HealthTransition> lost = Optional.empty();
    for (int i = 0; i < 3; i++) lost = tracker.record(unknown("checker busy"));

    assertThat(lost).map(HealthTransition::current).contains(UNKNOWN);
    assertThat(lost.get().outcome()).isEqualTo(unknown("checker busy"));
  }

  @Test
  void aStatusThatDoesNotChangeAnswersNoTransition() {
    HealthTracker tracker = healthy();

    for (int i = 0; i < 10; i++) assertThat(tracker.record(ok())).isEmpty();
    assertThat(tracker.snapshot().lastTransition()).isNull();
  }

  @Test
  void theSnapshotCarriesTheStreaksTheLastErrorAndTheLastTransition() {
    HealthTracker tracker = healthy();
    feed(tracker, failed("a"), failed("b"));
    clock.advance(Duration.ofSeconds(1));
    HealthTransition down = tracker.record(failed("c")).orElseThrow();

    HealthSnapshot snapshot = tracker.snapshot();

    assertThat(snapshot.status()).isEqualTo(UNHEALTHY);
    assertThat(snapshot.consecutiveFailures()).isEqualTo(3);
    assertThat(snapshot.lastError()).isEqualTo("c");
    assertThat(snapshot.lastErrorAt()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
    assertThat(snapshot.lastTransition()).isEqualTo(down);
  }

  @Test
  void theTableHasNoMoveFromAStatusToItself() {
    for (HealthStatus status : HealthStatus.values()) {
      assertThat(status.canMoveTo(status)).as(status.name()).isFalse();
    }
    assertThat(HEALTHY.canMoveTo(UNHEALTHY)).isTrue();
    assertThat(UNKNOWN.canMoveTo(UNKNOWN)).isFalse();
  }

  @Test
  void thresholdsBelowOneAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new HealthThresholds(0, 1)).hasMessageContaining("failures");
    assertThatThrownBy(() -> new HealthThresholds(1, 0)).hasMessageContaining("successes");
  }

  @Test
  void statusesHaveLowerCaseWireNames() {
    assertThat(HealthStatus.fromWire("degraded")).contains(DEGRADED);
    assertThat(HealthStatus.fromWire("sick")).isEmpty();
    assertThat(UNHEALTHY.wireName()).isEqualTo("unhealthy");
  }
}
