package io.vigil.store.silences;

import io.vigil.domain.TaskIds;
import io.vigil.store.StoreUnavailableException;
import io.vigil.store.silences.SilenceMatcher.Op;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link SilenceStore} owes its callers. An implementation's test extends this and says how to
 * build an empty store.
 */
public abstract class SilenceStoreContract {
  protected MutableClock clock;
  protected SilenceStore store;
  private TaskIds ids;

  /** A store with no rows. */
  protected abstract SilenceStore newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00.123456789Z");
    ids = new TaskIds(clock);
    store = newStore();
  }

  private static final List<SilenceMatcher> MATCHERS = List.of(new SilenceMatcher("queue", Op.EQUAL, "orders"),
      new SilenceMatcher("severity", Op.REGEX, "warning|info"), new SilenceMatcher("env", Op.NOT_EQUAL, "prod"));

  /** A silence from {@code from} to {@code to} minutes from now. */
  private Silence silence(int from, int to) {
    Instant now = clock.instant();
    return new Silence(ids.next(), MATCHERS, now.plus(Duration.ofMinutes(from)), now.plus(Duration.ofMinutes(to)),
        "alice", "db maintenance", now, now);
  }

  @Test
  void aCreatedSilenceIsReadBackWithItsMatchersInOrder() {
    Silence silence = silence(0, 60);

    result(store.create(silence));

    Silence found = result(store.find(silence.id())).orElseThrow();
    assertThat(found).isEqualTo(silence);
    assertThat(found.matchers()).containsExactlyElementsOf(MATCHERS);
    assertThat(found.startsAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
    assertThat(result(store.find(ids.next()))).isEmpty();
    assertThat(result(store.find("nope"))).isEmpty();
  }

  @Test
  void aSilenceIsActiveFromItsStartInclusiveToItsEndExclusive() {
    Silence past = silence(-60, -10);
    Silence now = silence(0, 30);
    Silence later = silence(10, 20);
    for (Silence s : List.of(past, now, later)) result(store.create(s));
    Instant start = clock.instant();

    assertThat(active(start.minusMillis(1))).isEmpty();
    assertThat(active(start)).containsExactly(now.id());
    assertThat(active(start.plus(Duration.ofMinutes(10)))).containsExactly(now.id(), later.id());
    assertThat(active(start.plus(Duration.ofMinutes(20)))).containsExactly(now.id());
    assertThat(active(start.plus(Duration.ofMinutes(30)))).isEmpty();
    assertThat(active(start.minus(Duration.ofMinutes(30)))).containsExactly(past.id());
  }

  private List<String> active(Instant at) {
    return result(store.activeAt(at)).stream().map(Silence::id).toList();
  }

  @Test
  void expiringAnActiveSilenceEndsItAtThatMoment() {
    Silence silence = silence(-5, 60);
    result(store.create(silence));
    clock.advance(Duration.ofMinutes(1));
    Instant at = clock.instant();

    Silence expired = result(store.expire(silence.id(), at)).orElseThrow();

    assertThat(expired.endsAt()).isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(expired.startsAt()).isEqualTo(silence.startsAt());
    assertThat(expired.updatedAt()).isEqualTo(expired.endsAt());
    assertThat(result(store.find(silence.id()))).contains(expired);
    assertThat(result(store.activeAt(at))).isEmpty();
    assertThat(result(store.activeAt(at.minusSeconds(1)))).containsExactly(expired);
  }

  @Test
  void expiringASilenceThatHasNotStartedMeansItNeverStarts() {
    Silence pending = silence(30, 60);
    result(store.create(pending));

    Silence expired = result(store.expire(pending.id(), clock.instant())).orElseThrow();

    assertThat(expired.startsAt()).isEqualTo(expired.endsAt());
    assertThat(result(store.activeAt(pending.startsAt()))).isEmpty();
  }

  @Test
  void expiringAnEndedSilenceChangesNothingAndAnUnknownOneIsEmpty() {
    Silence ended = silence(-60, -30);
    result(store.create(ended));

    assertThat(result(store.expire(ended.id(), clock.instant()))).contains(ended);
    assertThat(result(store.expire(ids.next(), clock.instant()))).isEmpty();
  }

  @Test
  void listingShowsSilencesEndingAfterAnInstantNewestStartFirst() {
    Silence ended = silence(-60, -30);
    Silence active = silence(-10, 30);
    Silence pending = silence(10, 40);
    for (Silence s : List.of(ended, active, pending)) result(store.create(s));

    assertThat(result(store.list(clock.instant(), 10))).containsExactly(pending, active);
    assertThat(result(store.list(Instant.MIN, 10))).containsExactly(pending, active, ended);
    assertThat(result(store.list(Instant.MIN, 1))).containsExactly(pending);
  }

  @Test
  void aSilenceWithAnIdStoredAlreadyIsRefused() {
    Silence silence = silence(0, 10);
    result(store.create(silence));

    assertThat(failure(store.create(silence))).isNotInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void retentionDeletesOnlySilencesThatEndedBeforeTheCutoff() {
    Silence a = silence(-120, -90);
    Silence b = silence(-100, -60);
    Silence edge = silence(-50, 0);
    Silence live = silence(-50, 50);
    for (Silence s : List.of(a, b, edge, live)) result(store.create(s));

    assertThat(result(store.deleteEndedBefore(edge.endsAt(), 1))).isEqualTo(1);
    assertThat(result(store.deleteEndedBefore(edge.endsAt(), 5))).isEqualTo(1);
    assertThat(result(store.deleteEndedBefore(edge.endsAt(), 5))).isZero();
    assertThat(result(store.list(Instant.MIN, 10))).containsExactlyInAnyOrder(edge, live);
  }

  // ---- matching (the record's own logic, the same for every store) --------------------------------------

  @Test
  void aSilenceMatchesWhenEveryMatcherDoesAndAMissingLabelCountsAsEmpty() {
    Silence silence = silence(0, 10);

    assertThat(silence.matches(java.util.Map.of("queue", "orders", "severity", "warning"))).isTrue();
    assertThat(silence.matches(java.util.Map.of("queue", "orders", "severity", "warning", "env", "prod"))).isFalse();
    assertThat(silence.matches(java.util.Map.of("queue", "orders", "severity", "critical"))).isFalse();
    assertThat(silence.matches(java.util.Map.of("queue", "orders", "severity", "warning-ish"))).isFalse(); // whole value
    assertThat(new SilenceMatcher("team", Op.NOT_REGEX, "db.*").matches(java.util.Map.of())).isTrue();
  }
}
