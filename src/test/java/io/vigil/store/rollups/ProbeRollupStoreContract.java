package io.vigil.store.rollups;

import io.vigil.domain.health.HealthStatus;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The behaviour every {@link ProbeRollupStore} owes the probes and the uptime API: minutes merge, windows sum. An
 * implementation's test extends this and says how to build an empty store.
 */
public abstract class ProbeRollupStoreContract {
  protected MutableClock clock;
  protected ProbeRollupStore store;

  /** A store with no rows. */
  protected abstract ProbeRollupStore newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    store = newStore();
  }

  private static ProbeRollup ok(String component, Instant at, double ms) {
    return ProbeRollup.check(component, at, false, HealthStatus.HEALTHY, ms);
  }

  private static ProbeRollup failed(String component, Instant at, HealthStatus status) {
    return ProbeRollup.check(component, at, true, status, null);
  }

  /** {@code checks} checks of one component in the minute holding {@code at}, {@code failures} of them failed. */
  private static ProbeRollup minute(String component, Instant at, long checks, long failures) {
    return new ProbeRollup(component, at, checks, failures, failures > 0 ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY,
        0, 0, LatencyHistogram.EMPTY);
  }

  @Test
  void aMinuteWrittenInPartsEqualsItWrittenWhole() {
    Instant minute = clock.instant();
    List<ProbeRollup> checks = new ArrayList<>();
    for (int i = 1; i <= 20; i++) checks.add(ok("db", minute.plusSeconds(i), i * 4.0)); // 4..80 ms
    checks.add(failed("db", minute.plusSeconds(50), HealthStatus.UNKNOWN));
    checks.add(ProbeRollup.check("db", minute.plusSeconds(55), false, HealthStatus.DEGRADED, 900.0));

    result(store.merge(checks.subList(0, 7)));   // three writes of one minute, as a probe flushes it
    result(store.merge(checks.subList(7, 15)));
    result(store.merge(checks.subList(15, checks.size())));

    ProbeRollup whole = checks.stream().reduce(ProbeRollup::merge).orElseThrow();
    List<ProbeRollup> stored = result(store.list("db", minute, minute.plusSeconds(60)));
    assertThat(stored).containsExactly(whole);
    ProbeRollup m = stored.get(0);
    assertThat(m.minute()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(m.checks()).isEqualTo(22);
    assertThat(m.failures()).isEqualTo(1);
    assertThat(m.worst()).isEqualTo(HealthStatus.UNKNOWN); // worse than DEGRADED, not as bad as UNHEALTHY
    assertThat(m.latencyMaxMs()).isEqualTo(900.0);
    assertThat(m.meanMs()).isCloseTo((4.0 * 210 + 900) / 21, within(1e-9));
    assertThat(m.p50Ms()).isBetween(30.0, 50.0);  // true p50 of 4..80 and 900 is 44: within its bucket
    assertThat(m.p95Ms()).isBetween(75.0, 100.0); // true p95 is 80
  }

  @Test
  void aBatchWithSeveralComponentsAndTheSameMinuteTwiceIsMergedInOneWrite() {
    Instant t = clock.instant();
    result(store.merge(List.of(ok("db", t, 5), ok("redis", t, 1), ok("db", t.plusSeconds(1), 7),
        failed("redis", t.plusSeconds(61), HealthStatus.UNHEALTHY))));

    assertThat(result(store.list("db", t, t.plusSeconds(120)))).extracting(ProbeRollup::checks).containsExactly(2L);
    assertThat(result(store.list("redis", t, t.plusSeconds(120))))
        .extracting(ProbeRollup::checks, ProbeRollup::failures, ProbeRollup::worst)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L, HealthStatus.HEALTHY),
            org.assertj.core.groups.Tuple.tuple(1L, 1L, HealthStatus.UNHEALTHY));
  }

  @Test
  void uptimeIsTheShareOfChecksThatDidNotFailOverTheMinutesOfTheWindow() {
    Instant now = clock.instant();
    List<ProbeRollup> day = new ArrayList<>();
    for (int m = 1; m <= 24 * 60; m++) day.add(minute("api", now.minus(Duration.ofMinutes(m)), 6, m <= 30 ? 6 : 0));
    day.add(minute("api", now.minus(Duration.ofDays(2)), 10, 10));
    result(store.merge(day));

    Uptime hour = result(store.uptime("api", now.minus(Duration.ofHours(1)), now));
    Uptime dayUptime = result(store.uptime("api", now.minus(Duration.ofDays(1)), now));
    Uptime week = result(store.uptime("api", now.minus(Duration.ofDays(7)), now));

    assertThat(hour.checks()).isEqualTo(360);
    assertThat(hour.failures()).isEqualTo(180);
    assertThat(hour.ratio()).isEqualTo(0.5);
    assertThat(dayUptime.ratio()).isCloseTo(1 - 180.0 / 8640, within(1e-12));
    assertThat(week.checks()).isEqualTo(8650);
    assertThat(week.failures()).isEqualTo(190);
  }

  @Test
  void aWindowCountsEveryMinuteItOverlapsAndNoneAfterItsEnd() {
    Instant t = clock.instant(); // 10:00:00
    result(store.merge(List.of(minute("api", t, 4, 1), minute("api", t.plusSeconds(60), 4, 0),
        minute("api", t.plusSeconds(120), 4, 4))));

    // 10:00:30 .. 10:02:00 overlaps the minutes of 10:00 and 10:01, not 10:02
    Uptime window = result(store.uptime("api", t.plusSeconds(30), t.plusSeconds(120)));

    assertThat(window.checks()).isEqualTo(8);
    assertThat(window.failures()).isEqualTo(1);
    assertThat(window.ratio()).isEqualTo(7.0 / 8);
  }

  @Test
  void aComponentWithoutChecksHasNoUptimeRatherThanAPerfectOne() {
    Uptime none = result(store.uptime("never-probed", clock.instant().minus(Duration.ofDays(30)), clock.instant()));

    assertThat(none.checks()).isZero();
    assertThat(none.ratio()).isNull();
  }

  @Test
  void uptimesAnswerEveryComponentWithChecksInTheWindow() {
    Instant t = clock.instant();
    result(store.merge(List.of(minute("api", t.minusSeconds(60), 10, 1), minute("db", t.minusSeconds(60), 4, 0),
        minute("old", t.minus(Duration.ofDays(2)), 5, 5))));

    var uptimes = result(store.uptimes(t.minus(Duration.ofHours(1)), t));

    assertThat(uptimes.keySet()).containsExactly("api", "db");
    assertThat(uptimes.get("api").ratio()).isEqualTo(0.9);
    assertThat(uptimes.get("db").ratio()).isEqualTo(1.0);
  }

  @Test
  void retentionDeletesOnlyMinutesThatStartedBeforeTheCutoff() {
    Instant t = clock.instant();
    result(store.merge(List.of(minute("a", t, 1, 0), minute("b", t, 1, 0), minute("a", t.plusSeconds(60), 1, 0),
        minute("a", t.plusSeconds(120), 1, 0))));
    Instant cutoff = t.plusSeconds(120);

    assertThat(result(store.deleteBefore(cutoff, 2))).isEqualTo(2);
    assertThat(result(store.deleteBefore(cutoff, 2))).isEqualTo(1);
    assertThat(result(store.deleteBefore(cutoff, 2))).isZero();
    assertThat(result(store.list("a", t, t.plusSeconds(600)))).extracting(ProbeRollup::minute)
        .containsExactly(cutoff);
  }
}
