package io.vigil.store.attempts;

import io.vigil.domain.TaskIds;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The behaviour every {@link RecoveryStore} owes its callers. An implementation's test extends this and says how to
 * build an empty store.
 */
public abstract class RecoveryStoreContract {
  protected MutableClock clock;
  protected RecoveryStore store;
  private TaskIds ids;

  /** A store with no rows. */
  protected abstract RecoveryStore newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00.123456789Z");
    ids = new TaskIds(clock);
    store = newStore();
  }

  private RecoveryAttempt started(String runId, String component, String action, Instant at) {
    return RecoveryAttempt.started(ids.next(), runId, component, action, "unhealthy", null, at);
  }

  private RecoveryAttempt ended(String runId, String component, String action, Instant at, long ms, boolean ok) {
    RecoveryAttempt attempt = started(runId, component, action, at).finished(at.plusMillis(ms), ok, ok ? null : "nope");
    result(store.save(attempt));
    return attempt;
  }

  @Test
  void aStartedAttemptIsSavedAndReplacedWhenItEnds() {
    RecoveryAttempt running = new RecoveryAttempt(ids.next(), ids.next(), "db", "reconnect", "alarm", "system",
        clock.instant(), null, AttemptOutcome.RUNNING, null, Map.of("alarm_id", "a-1", "verify", Map.of("ok", false)));
    result(store.save(running));
    assertThat(result(store.find(running.id()))).contains(running);
    assertThat(running.success()).isNull();

    RecoveryAttempt done = running.finished(clock.instant().plusMillis(1_234), false, "connection refused");
    result(store.save(done));

    RecoveryAttempt found = result(store.find(running.id())).orElseThrow();
    assertThat(found).isEqualTo(done);
    assertThat(found.durationMs()).isEqualTo(1_234L);
    assertThat(found.success()).isFalse();
    assertThat(found.error()).isEqualTo("connection refused");
    assertThat(found.startedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
    assertThat(result(store.find("nope"))).isEmpty();
  }

  @Test
  void attemptsAreListedNewestFirstByComponentAndSuccess() {
    Instant t = clock.instant();
    RecoveryAttempt a = ended(null, "db", "reconnect", t, 10, false);
    RecoveryAttempt b = ended(null, "redis", "reconnect", t.plusSeconds(1), 10, true);
    RecoveryAttempt c = ended(null, "db", "reconnect", t.plusSeconds(2), 10, true);
    RecoveryAttempt running = started(null, "db", "failover", t.plusSeconds(3));
    result(store.save(running));

    assertThat(list(null, null, 10)).containsExactly(running.id(), c.id(), b.id(), a.id());
    assertThat(list("db", null, 10)).containsExactly(running.id(), c.id(), a.id());
    assertThat(list("db", true, 10)).containsExactly(c.id());
    assertThat(list(null, false, 10)).containsExactly(a.id());
    assertThat(list(null, null, 2)).containsExactly(running.id(), c.id());
  }

  private List<String> list(String component, Boolean success, int limit) {
    return result(store.list(new AttemptQuery(component, success, limit))).stream().map(RecoveryAttempt::id).toList();
  }

  @Test
  void statsCountOutcomesByActionAndComponentAndMeasureRecoveryPerRun() {
    Instant t0 = clock.instant();
    ended(null, "db", "reconnect", t0.minus(Duration.ofHours(2)), 5, true); // before the window
    String run1 = ids.next();
    ended(run1, "db", "reconnect", t0, 2_000, false);
    ended(run1, "db", "reset-breaker", t0.plusSeconds(10), 3_000, true); // healed 13 s after the run began
    ended(null, "redis", "reconnect", t0.plusSeconds(20), 1_000, true); // a run of its own: 1 s
    RecoveryAttempt failedLast = ended(null, "api", "manual", t0.plusSeconds(30), 500, false);
    result(store.save(started(null, "db", "reconnect", t0.plusSeconds(40))));

    RecoveryStats stats = result(store.stats(t0.minus(Duration.ofHours(1)), 1));

    assertThat(stats.total()).isEqualTo(5);
    assertThat(stats.succeeded()).isEqualTo(2);
    assertThat(stats.failed()).isEqualTo(2);
    assertThat(stats.running()).isEqualTo(1);
    assertThat(stats.successRate()).isEqualTo(0.5);
    assertThat(stats.meanTimeToRecoverMs()).isCloseTo(7_000.0, within(0.001));
    assertThat(stats.byAction()).isEqualTo(Map.of(
        "reconnect", new RecoveryStats.Counts(3, 1, 1),
        "reset-breaker", new RecoveryStats.Counts(1, 1, 0),
        "manual", new RecoveryStats.Counts(1, 0, 1)));
    assertThat(stats.byComponent()).isEqualTo(Map.of(
        "db", new RecoveryStats.Counts(3, 1, 1),
        "redis", new RecoveryStats.Counts(1, 1, 0),
        "api", new RecoveryStats.Counts(1, 0, 1)));
    assertThat(stats.byComponent().get("db").successRate()).isEqualTo(0.5);
    assertThat(stats.recentFailures()).containsExactly(failedLast);
  }

  @Test
  void statsOfAWindowWithoutFinishedAttemptsHaveNoRates() {
    result(store.save(started(null, "db", "reconnect", clock.instant())));

    RecoveryStats stats = result(store.stats(clock.instant().minusSeconds(1), 5));

    assertThat(stats.total()).isEqualTo(1);
    assertThat(stats.successRate()).isNull();
    assertThat(stats.meanTimeToRecoverMs()).isNull();
    assertThat(stats.recentFailures()).isEmpty();
    assertThat(result(store.stats(clock.instant().plusSeconds(1), 5)).total()).isZero();
  }

  @Test
  void retentionDeletesOnlyAttemptsStartedBeforeTheCutoff() {
    Instant t = clock.instant();
    for (int i = 0; i < 3; i++) ended(null, "db", "reconnect", t.plusSeconds(i), 1, true);
    RecoveryAttempt kept = ended(null, "db", "reconnect", t.plus(Duration.ofDays(31)), 1, true);
    Instant cutoff = kept.startedAt();

    assertThat(result(store.deleteStartedBefore(cutoff, 2))).isEqualTo(2);
    assertThat(result(store.deleteStartedBefore(cutoff, 2))).isEqualTo(1);
    assertThat(result(store.deleteStartedBefore(cutoff, 2))).isZero();
    assertThat(list(null, null, 10)).containsExactly(kept.id());
  }
}
