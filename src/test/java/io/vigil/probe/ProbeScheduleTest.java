package io.vigil.probe;

import io.vertx.core.Future;
import io.vigil.config.ComponentConfig;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.health.HealthTransition;
import io.vigil.domain.probe.ProbeResult;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Probe scheduling on driven time")
class ProbeScheduleTest {
  final MutableClock clock = MutableClock.startingAt("2025-03-01T10:00:00Z");
  final FakeTimers timers = new FakeTimers(clock);
  final Map<String, ScriptedProbe> probes = new HashMap<>();
  final List<ProbeResult> results = new ArrayList<>();
  final List<HealthTransition> transitions = new ArrayList<>();
  final Deque<Double> randoms = new ArrayDeque<>();
  final DoubleSupplier random = () -> randoms.isEmpty() ? 0.5 : randoms.poll();
  final ProbeSchedule schedule = new ProbeSchedule(timers, clock, random,
      c -> probes.computeIfAbsent(c.id(), id -> new ScriptedProbe()), new ComponentProbe.Listener() {
        @Override
        public void recorded(ComponentProbe probe, ProbeResult result, HealthTransition transition) {
          results.add(result);
          if (transition != null) transitions.add(transition);
        }
      });

  Instant start = clock.instant();

  long sinceStart(ProbeResult r) {
    return Duration.between(start, r.at()).toMillis();
  }

  ScriptedProbe probe(String id) {
    return probes.computeIfAbsent(id, k -> new ScriptedProbe());
  }

  Map<String, ComponentConfig> only(ComponentConfig... components) {
    Map<String, ComponentConfig> map = new LinkedHashMap<>();
    for (ComponentConfig c : components) map.put(c.id(), c);
    return map;
  }

  @Test
  void theFirstCheckRunsWithinTheFirstSecondThenAtTheProbesPhaseEveryInterval() {
    probe("api").always(Reading.ok(), 10);
    randoms.add(0.25); // first check: 0.25 of the first second
    randoms.add(0.4);  // phase: 0.4 of the 10 s interval
    schedule.apply(only(Components.tcp("api", Components.timing(10_000, 2_000, 3, 1))));

    timers.advanceMillis(35_000);

    assertThat(results).extracting(this::sinceStart).containsExactly(250L, 4_000L, 14_000L, 24_000L, 34_000L);
  }

  @Test
  void probesWithTheSameIntervalAreSpreadAcrossItInsteadOfFiringTogether() {
    List<ComponentConfig> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      randoms.add(0.05);          // every first check early in the first second
      randoms.add(i / 10.0 + 0.01); // each its own phase
      all.add(Components.tcp("c" + i, Components.timing(1_000, 500, 3, 1)));
      probe("c" + i).always(Reading.ok(), 100);
    }
    schedule.apply(only(all.toArray(ComponentConfig[]::new)));

    timers.advanceMillis(10_000);

    Set<Long> offsetsAfterTheFirstSecond = new TreeSet<>();
    results.stream().filter(r -> sinceStart(r) >= 1_000).forEach(r -> offsetsAfterTheFirstSecond.add(sinceStart(r) % 1_000));
    assertThat(offsetsAfterTheFirstSecond).hasSize(10);
    assertThat(offsetsAfterTheFirstSecond).allSatisfy(offset -> assertThat(offset % 100).isEqualTo(10));
  }

  @Test
  void aCheckWithoutAnAnswerFailsAtItsTimeoutAndItsLateAnswerIsIgnored() {
    randoms.add(0.0);
    schedule.apply(only(Components.tcp("slow", Components.timing(10_000, 2_000, 1, 1))));
    timers.runDue(); // the check starts and waits

    timers.advanceMillis(1_999);
    assertThat(results).isEmpty();
    timers.advanceMillis(1);

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(HealthOutcome.failed("no answer within 2000 ms"));
      assertThat(r.latencyMs()).isEqualTo(2_000.0);
      assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY);
    });
    probe("slow").answer(Reading.ok());
    assertThat(results).hasSize(1);
  }

  @Test
  void failuresTurnAComponentUnhealthyOnlyAtTheThresholdAndSuccessesBringItBackWithHysteresis() {
    ScriptedProbe db = probe("db").then(Reading.ok())
        .always(Reading.failed("connection refused"), 3).always(Reading.ok(), 2);
    randoms.add(0.0);
    randoms.add(0.0);
    schedule.apply(only(Components.tcp("db", Components.timing(1_000, 500, 3, 2))));

    timers.advanceMillis(5_999);

    assertThat(db.checks).isEqualTo(6);
    assertThat(results).extracting(ProbeResult::status).containsExactly(HealthStatus.HEALTHY, HealthStatus.HEALTHY,
        HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
    assertThat(transitions).extracting(HealthTransition::current)
        .containsExactly(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
    HealthTransition down = transitions.get(1);
    assertThat(down.previous()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(down.consecutiveFailures()).isEqualTo(3);
    assertThat(down.lastError()).isEqualTo("connection refused");
    assertThat(results.get(3).consecutiveFailures()).isEqualTo(3);
  }

  @Test
  void aProbeThatThrowsIsUnknownWithTheReasonAndNeverFailed() {
    probe("broken").throwing = new IllegalStateException("bad state");
    randoms.add(0.0);
    schedule.apply(only(Components.tcp("broken", Components.timing(1_000, 500, 1, 1))));

    timers.runDue();

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(HealthOutcome.unknown("the probe itself failed: bad state"));
      assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
      assertThat(r.failed()).isFalse();
    });
  }

  @Test
  void anAnswerSlowerThanTheDegradedLatencyIsDegraded() {
    randoms.add(0.0);
    schedule.apply(only(Components.tcp("api", Components.timing(10_000, 2_000, 1, 1), Duration.ofMillis(200))));
    timers.runDue();

    timers.advanceMillis(350);
    probe("api").answer(Reading.ok());

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(HealthOutcome.degraded("answered in 350 ms, above 200 ms"));
      assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
    });
  }

  @Test
  void aLateTimerIsMeasuredAsDriftAndMissedDueTimesAreSkippedNotRunTwice() {
    probe("api").always(Reading.ok(), 10);
    randoms.add(0.0);
    randoms.add(0.0);
    schedule.apply(only(Components.tcp("api", Components.timing(1_000, 500, 1, 1))));
    timers.runDue(); // t=0

    clock.advanceMillis(3_300); // the loop was busy: the check due at 1 s runs at 3.3 s
    timers.runDue();
    timers.advanceMillis(700); // the next falls on the phase again: 4 s

    assertThat(results).extracting(this::sinceStart).containsExactly(0L, 3_300L, 4_000L);
    assertThat(schedule.drift().quantile(1.0)).isEqualTo(2_300);
  }

  @Test
  void runNowWaitsForAScheduledCheckUnderWayThenChecksOnItsOwnAndConcurrentRunNowsShareOneCheck() {
    randoms.add(0.0);
    schedule.apply(only(Components.tcp("api", Components.timing(10_000, 2_000, 1, 1))));
    timers.runDue(); // the scheduled check waits for its answer

    Future<ProbeResult> manual = schedule.runNow("api");
    probe("api").answer(Reading.ok()); // the scheduled check ends; the manual one starts
    Future<ProbeResult> second = schedule.runNow("api");
    assertThat(manual.isComplete()).isFalse();
    probe("api").answer(Reading.ok());

    assertThat(manual.succeeded()).isTrue();
    assertThat(manual.result().manual()).isTrue();
    assertThat(second.result()).isSameAs(manual.result());
    assertThat(probe("api").checks).isEqualTo(2);
    assertThat(results).extracting(ProbeResult::manual).containsExactly(false, true);
    assertThat(schedule.runNow("nope").failed()).isTrue();
  }

  @Test
  void applyAddsChangesAndRemovesProbesAndAChangedComponentKeepsItsStatus() {
    ComponentConfig a = Components.tcp("a", Components.timing(1_000, 500, 1, 1));
    ComponentConfig b = Components.tcp("b", Components.timing(1_000, 500, 1, 1));
    probe("a").always(Reading.failed("down"), 100);
    probe("b").always(Reading.ok(), 100);
    assertThat(schedule.apply(only(a, b)).added()).containsExactly("a", "b");
    timers.advanceMillis(1_000);
    assertThat(schedule.get("a").orElseThrow().tracker().status()).isEqualTo(HealthStatus.UNHEALTHY);
    ScriptedProbe firstA = probes.remove("a");

    ComponentConfig a2 = Components.tcp("a", Components.timing(2_000, 500, 3, 1));
    ProbeSchedule.Changes changes = schedule.apply(only(a2));

    assertThat(changes.changed()).containsExactly("a");
    assertThat(changes.removed()).containsExactly("b");
    assertThat(probes.get("b").closed).isTrue();
    assertThat(firstA.closed).isTrue();
    assertThat(schedule.all()).extracting(ComponentProbe::id).containsExactly("a");
    assertThat(schedule.get("a").orElseThrow().tracker().status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(schedule.apply(only(a2)).isEmpty()).isTrue();
  }
}
