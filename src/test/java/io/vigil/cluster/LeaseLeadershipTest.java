package io.vigil.cluster;

import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Leadership through a lease")
class LeaseLeadershipTest {
  static final Duration LEASE = Duration.ofSeconds(3);

  final MutableClock clock = MutableClock.startingAt("2025-01-01T00:00:00Z");
  final MemoryLeaseStore store = new MemoryLeaseStore();
  final Set<String> members = new HashSet<>(Set.of("a", "b"));
  final LeaseLeadership a = node("a");
  final LeaseLeadership b = node("b");

  LeaseLeadership node(String id) {
    return new LeaseLeadership(id, store, clock, LEASE, members::contains);
  }

  static Optional<Leadership.Change> check(Leadership leadership) {
    return leadership.check().result();
  }

  @Test
  void theFirstNodeToCheckTakesTheLeaseAndTheOthersSeeWhoLeadsSinceWhen() {
    Leadership.Change gained = check(a).orElseThrow();
    clock.advanceMillis(500);

    assertThat(gained.leads()).isTrue();
    assertThat(gained.previous()).isNull();
    assertThat(check(b)).isEmpty();
    assertThat(a.leads()).isTrue();
    assertThat(b.leads()).isFalse();
    assertThat(b.leader().orElseThrow().node()).isEqualTo("a");
    assertThat(b.leader().orElseThrow().since()).isEqualTo(clock.instant().minusMillis(500));
  }

  @Test
  void aLeaderThatRenewsKeepsTheLeadAndItsSinceForAsLongAsItLives() {
    check(a);
    for (int i = 0; i < 10; i++) {
      clock.advance(LEASE.dividedBy(4));
      assertThat(check(a)).isEmpty();
      assertThat(check(b)).isEmpty();
    }

    assertThat(a.leads()).isTrue();
    assertThat(b.leader().orElseThrow().since()).isEqualTo(a.leader().orElseThrow().since());
    assertThat(Lease.decode(store.stored()).orElseThrow().expires()).isEqualTo(clock.instant().plus(LEASE));
  }

  @Test
  void aLeaseNoLongerRenewedIsTakenOverOnceItExpiresAndTheOldLeaderLearnsItLostIt() {
    check(a);
    clock.advance(LEASE.minusMillis(1));
    assertThat(check(b)).isEmpty();

    clock.advanceMillis(1);
    Leadership.Change taken = check(b).orElseThrow();
    Leadership.Change lost = check(a).orElseThrow();

    assertThat(taken.leads()).isTrue();
    assertThat(taken.previous()).isEqualTo("a");
    assertThat(taken.reason()).contains("expired");
    assertThat(lost.leads()).isFalse();
    assertThat(lost.leader().node()).isEqualTo("b");
    assertThat(a.leads()).isFalse();
  }

  @Test
  void aLeaseWhoseHolderLeftTheClusterIsTakenOverWithoutWaitingForItToExpire() {
    check(a);
    members.remove("a");

    Leadership.Change taken = check(b).orElseThrow();

    assertThat(taken.leads()).isTrue();
    assertThat(taken.reason()).contains("left the cluster");
  }

  @Test
  void aLeaderWhoseStoreStopsAnsweringStepsDownWhenItsLeaseRunsOut() {
    check(a);
    store.mode(MemoryLeaseStore.Mode.SILENT);
    clock.advance(LEASE.dividedBy(4));
    assertThat(a.check().isComplete()).as("a check the store never answers").isFalse();

    clock.advance(LEASE.minus(LEASE.dividedBy(4)).minusMillis(1));
    assertThat(check(a)).isEmpty();
    assertThat(a.leads()).isTrue();
    clock.advanceMillis(1);
    Leadership.Change fenced = check(a).orElseThrow();

    assertThat(fenced.leads()).isFalse();
    assertThat(fenced.reason()).contains("ran out");
    assertThat(a.leads()).isFalse();
  }

  @Test
  void aLeaderWhoseRenewalsFailKeepsTheLeadUntilItsLeaseRunsOut() {
    check(a);
    store.mode(MemoryLeaseStore.Mode.FAILS);

    clock.advance(LEASE.minusMillis(1));
    assertThat(check(a)).isEmpty();
    clock.advanceMillis(1);

    assertThat(check(a).orElseThrow().leads()).isFalse();
  }

  @Test
  void resigningFreesTheLeaseSoThatAPeerTakesItAtItsNextCheck() {
    check(a);
    check(b);

    Leadership.Change resigned = a.resign().result().orElseThrow();
    Leadership.Change taken = check(b).orElseThrow();

    assertThat(resigned.leads()).isFalse();
    assertThat(store.stored()).contains("\"node\":\"b\"");
    assertThat(taken.leads()).isTrue();
    assertThat(taken.previous()).isNull();
  }

  @Test
  void twoCandidatesThatBothSawNoLeaseCannotBothWin() {
    LeaseLeadership slow = node("b");
    store.store(null);
    check(a);
    // b read "no lease" before a created it: its create must fail
    assertThat(store.create(new Lease("b", clock.instant(), clock.instant().plus(LEASE)).encode()).result()).isFalse();
    assertThat(check(slow)).isEmpty();
    assertThat(slow.leads()).isFalse();
  }

  @Test
  void anUnreadableLeaseIsReplacedByTheNextCandidate() {
    store.store("not a lease");

    assertThat(check(a).orElseThrow().leads()).isTrue();
  }

  @Test
  void leaseTimesAreKeptInMilliseconds() {
    clock.set(java.time.Instant.parse("2025-01-01T00:00:00.123456789Z"));

    check(a);

    assertThat(a.leader().orElseThrow().since()).isEqualTo("2025-01-01T00:00:00.123Z");
  }
}
