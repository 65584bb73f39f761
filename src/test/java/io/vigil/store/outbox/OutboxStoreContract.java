package io.vigil.store.outbox;

import io.vertx.core.Future;
import io.vigil.domain.TaskIds;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreConflictException.Reason;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link OutboxStore} owes the notifier: dedup on enqueue, exclusive claims under a lease,
 * settling only by the lease holder. An implementation's test extends this and says how to build an empty store,
 * and how another node reaches the same rows.
 */
public abstract class OutboxStoreContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  protected MutableClock clock;
  protected OutboxStore store;
  private TaskIds ids;

  /** A store with no rows. */
  protected abstract OutboxStore newStore();

  /** The same rows as another node sees them (its own connections); the same store where there is no other node. */
  protected OutboxStore otherNode() {
    return store;
  }

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00.123456789Z");
    ids = new TaskIds(clock);
    store = newStore();
  }

  private OutboxMessage message(String channel) {
    return OutboxMessage.pending(ids.next(), channel, ids.next(), null, "{\"text\":\"orders backs up\",  \"n\":1}",
        clock.instant());
  }

  private OutboxMessage enqueued(String channel) {
    OutboxMessage m = message(channel);
    assertThat(result(store.enqueue(m))).isTrue();
    return m;
  }

  private List<OutboxMessage> claim(OutboxStore by, String owner, int max, String... channels) {
    return result(by.claimDue(new Claim(owner, clock.instant(), LEASE, max, Set.of(channels))));
  }

  private static Set<String> ids(List<OutboxMessage> messages) {
    Set<String> ids = new HashSet<>();
    messages.forEach(m -> ids.add(m.id()));
    return ids;
  }

  // ---- enqueue -----------------------------------------------------------------------------------------

  @Test
  void anEnqueuedMessageIsReadBackWithItsPayloadByteForByte() {
    OutboxMessage m = enqueued("slack");

    OutboxMessage found = result(store.find(m.id())).orElseThrow();

    assertThat(found).isEqualTo(m);
    assertThat(found.payload()).isEqualTo("{\"text\":\"orders backs up\",  \"n\":1}");
    assertThat(found.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(found.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
  }

  @Test
  void aSecondMessageWithTheSameDedupKeyIsNotQueued() {
    OutboxMessage first = OutboxMessage.pending(ids.next(), "slack", null, "alarm-1:firing:slack", "a", clock.instant());
    OutboxMessage again = OutboxMessage.pending(ids.next(), "slack", null, "alarm-1:firing:slack", "b", clock.instant());
    OutboxMessage other = OutboxMessage.pending(ids.next(), "slack", null, "alarm-1:resolved:slack", "c",
        clock.instant());

    assertThat(result(store.enqueue(first))).isTrue();
    assertThat(result(store.enqueue(again))).isFalse();
    assertThat(result(store.enqueue(other))).isTrue();

    assertThat(result(store.find(again.id()))).isEmpty();
    assertThat(result(store.list(new OutboxQuery(null, null, null, 10)))).hasSize(2);
  }

  // ---- claim -------------------------------------------------------------------------------------------

  @Test
  void aClaimLeasesDueMessagesOldestFirstAndCountsTheAttempt() {
    OutboxMessage first = enqueued("slack");
    clock.advance(Duration.ofSeconds(1));
    OutboxMessage second = enqueued("slack");
    clock.advance(Duration.ofSeconds(1));
    enqueued("slack");

    List<OutboxMessage> claimed = claim(store, "node-a", 2);

    assertThat(ids(claimed)).containsExactlyInAnyOrder(first.id(), second.id());
    for (OutboxMessage m : claimed) {
      assertThat(m.status()).isEqualTo(OutboxStatus.SENDING);
      assertThat(m.attempts()).isEqualTo(1);
      assertThat(m.leaseOwner()).isEqualTo("node-a");
      assertThat(m.leaseUntil()).isEqualTo(clock.instant().plus(LEASE).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      assertThat(result(store.find(m.id()))).contains(m);
    }
  }

  @Test
  void aMessageNotYetDueOrOnAnotherChannelIsNotClaimed() {
    OutboxMessage later = OutboxMessage.pending(ids.next(), "slack", null, null, "x", clock.instant().plusSeconds(60));
    result(store.enqueue(later));
    OutboxMessage mail = enqueued("email");
    OutboxMessage slack = enqueued("slack");

    assertThat(ids(claim(store, "a", 10, "slack", "webhook"))).containsExactly(slack.id());
    assertThat(ids(claim(store, "a", 10))).containsExactly(mail.id());
    result(store.markSent(slack.id(), "a", clock.instant()));
    result(store.markSent(mail.id(), "a", clock.instant()));
    clock.advance(Duration.ofSeconds(60));
    assertThat(ids(claim(store, "a", 10))).containsExactly(later.id());
  }

  @Test
  void twoClaimersNeverGetTheSameMessage() {
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 60; i++) all.add(enqueued(i % 2 == 0 ? "slack" : "webhook").id());

    // four claims in flight at once, two per node, each for more than its share
    List<Future<List<OutboxMessage>>> racing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      OutboxStore node = i % 2 == 0 ? store : otherNode();
      racing.add(node.claimDue(new Claim("claimer-" + i, clock.instant(), LEASE, 25, Set.of())));
    }
    List<String> claimed = new ArrayList<>();
    for (Future<List<OutboxMessage>> f : racing) result(f).forEach(m -> claimed.add(m.id()));

    assertThat(claimed).doesNotHaveDuplicates();
    assertThat(new HashSet<>(claimed)).isEqualTo(all);
    assertThat(claim(store, "late", 100)).isEmpty();
  }

  @Test
  void aMessageWhoseLeaseRanOutIsClaimedAgainAndTheFirstHolderCannotSettleIt() {
    OutboxMessage m = enqueued("slack");
    claim(store, "node-a", 1);
    clock.advance(LEASE.minusMillis(1));
    assertThat(claim(otherNode(), "node-b", 1)).isEmpty();
    clock.advance(Duration.ofMillis(1));

    List<OutboxMessage> retaken = claim(otherNode(), "node-b", 1);

    assertThat(retaken).extracting(OutboxMessage::leaseOwner).containsExactly("node-b");
    assertThat(retaken.get(0).attempts()).isEqualTo(2);
    Throwable error = failure(store.markSent(m.id(), "node-a", clock.instant()));
    assertThat(StoreConflictException.is(error, Reason.LEASE_LOST)).as(String.valueOf(error)).isTrue();
    assertThat(result(otherNode().markSent(m.id(), "node-b", clock.instant())).status()).isEqualTo(OutboxStatus.SENT);
  }

  private OutboxMessage enqueuedAbout(String alarm, String channel, String what) {
    OutboxMessage m = OutboxMessage.pending(ids.next(), channel, alarm, alarm + "/" + what + "/" + channel, what,
        clock.instant());
    assertThat(result(store.enqueue(m))).isTrue();
    return m;
  }

  @Test
  void anAlarmsResolveWaitsWhileItsFiringIsInFlightOnANodeThatDiedAndIsNeverOvertaken() {
    String alarm = ids.next();
    OutboxMessage firing = enqueuedAbout(alarm, "hook", "firing");
    assertThat(claim(store, "node-a", 10)).extracting(OutboxMessage::id).containsExactly(firing.id());
    clock.advance(Duration.ofSeconds(1)); // node-a sent it and died before settling; the alarm resolves meanwhile
    OutboxMessage resolved = enqueuedAbout(alarm, "hook", "resolved");

    assertThat(claim(otherNode(), "node-b", 10)).as("the resolve waits behind its firing's lease").isEmpty();
    clock.advance(LEASE);
    assertThat(claim(otherNode(), "node-b", 10)).as("the firing again first, alone")
        .extracting(OutboxMessage::id).containsExactly(firing.id());
    assertThat(claim(otherNode(), "node-c", 10)).isEmpty();
    result(otherNode().markSent(firing.id(), "node-b", clock.instant()));
    assertThat(claim(otherNode(), "node-c", 10)).extracting(OutboxMessage::id).containsExactly(resolved.id());
  }

  @Test
  void anAlarmsLaterMessageWaitsForAnEarlierOneThatFailedUntilItIsSettled() {
    String alarm = ids.next();
    OutboxMessage firing = enqueuedAbout(alarm, "hook", "firing");
    claim(store, "node-a", 10);
    result(store.markFailed(firing.id(), "node-a", clock.instant(), "503", clock.instant().plusSeconds(5)));
    OutboxMessage resolved = enqueuedAbout(alarm, "hook", "resolved");

    assertThat(claim(otherNode(), "node-b", 10)).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    assertThat(claim(otherNode(), "node-b", 10)).extracting(OutboxMessage::id).containsExactly(firing.id());
    result(otherNode().markDead(firing.id(), "node-b", clock.instant(), "gave up"));
    assertThat(claim(store, "node-a", 10)).extracting(OutboxMessage::id).containsExactly(resolved.id());
  }

  @Test
  void messagesOfOtherAlarmsOrOtherChannelsOrAboutNoAlarmDoNotWait() {
    String alarm = ids.next();
    enqueuedAbout(alarm, "hook", "firing");
    claim(store, "node-a", 10);
    OutboxMessage sameAlarmOtherChannel = enqueuedAbout(alarm, "slack", "firing");
    OutboxMessage otherAlarm = enqueuedAbout(ids.next(), "hook", "firing");
    OutboxMessage notice = OutboxMessage.pending(ids.next(), "hook", null, null, "mode switched", clock.instant());
    result(store.enqueue(notice));

    assertThat(ids(claim(otherNode(), "node-b", 10)))
        .containsExactlyInAnyOrder(sameAlarmOtherChannel.id(), otherAlarm.id(), notice.id());
  }

  // ---- settle ------------------------------------------------------------------------------------------

  @Test
  void aSentMessageIsFinishedWithItsTimeAndIsNeverClaimedAgain() {
    OutboxMessage m = enqueued("slack");
    claim(store, "a", 1);
    clock.advance(Duration.ofMillis(250));

    OutboxMessage sent = result(store.markSent(m.id(), "a", clock.instant()));

    assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(sent.sentAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(sent.leaseOwner()).isNull();
    assertThat(sent.leaseUntil()).isNull();
    assertThat(result(store.find(m.id()))).contains(sent);
    clock.advance(Duration.ofDays(1));
    assertThat(claim(store, "a", 10)).isEmpty();
    Throwable again = failure(store.markSent(m.id(), "a", clock.instant()));
    assertThat(StoreConflictException.is(again, Reason.LEASE_LOST)).isTrue();
  }

  @Test
  void aFailedAttemptKeepsItsErrorAndIsDueAgainAtTheRetryTime() {
    OutboxMessage m = enqueued("telegram");
    claim(store, "a", 1);
    Instant retryAt = clock.instant().plusSeconds(17); // e.g. Telegram's retry_after

    OutboxMessage failed = result(store.markFailed(m.id(), "a", clock.instant(), "429 Too Many Requests", retryAt));

    assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(failed.lastError()).isEqualTo("429 Too Many Requests");
    assertThat(failed.nextAttemptAt()).isEqualTo(retryAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(claim(store, "a", 1)).isEmpty();
    clock.advance(Duration.ofSeconds(17));
    List<OutboxMessage> again = claim(store, "a", 1);
    assertThat(again).extracting(OutboxMessage::attempts).containsExactly(2);
    assertThat(again.get(0).lastError()).isEqualTo("429 Too Many Requests");
  }

  @Test
  void aDeadMessageIsNeverClaimedAgain() {
    OutboxMessage m = enqueued("email");
    claim(store, "a", 1);

    OutboxMessage dead = result(store.markDead(m.id(), "a", clock.instant(), "550 no such user"));

    assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(dead.lastError()).isEqualTo("550 no such user");
    clock.advance(Duration.ofDays(1));
    assertThat(claim(store, "a", 10)).isEmpty();
  }

  @Test
  void settlingAMessageNobodyClaimedOrThatDoesNotExistIsAConflict() {
    OutboxMessage m = enqueued("slack");

    assertThat(StoreConflictException.is(failure(store.markSent(m.id(), "a", clock.instant())), Reason.LEASE_LOST))
        .isTrue();
    assertThat(StoreConflictException.is(failure(store.markSent(ids.next(), "a", clock.instant())), Reason.MISSING))
        .isTrue();
    assertThat(result(store.find(m.id())).orElseThrow().status()).isEqualTo(OutboxStatus.PENDING);
  }

  // ---- reads and retention -----------------------------------------------------------------------------

  @Test
  void messagesAreListedNewestFirstByChannelStatusAndAlarm() {
    OutboxMessage a = enqueued("slack");
    clock.advance(Duration.ofSeconds(1));
    OutboxMessage b = enqueued("email");
    clock.advance(Duration.ofSeconds(1));
    OutboxMessage c = enqueued("slack");
    claim(store, "x", 1, "email");
    result(store.markSent(b.id(), "x", clock.instant()));

    assertThat(list(null, null, null, 10)).containsExactly(c.id(), b.id(), a.id());
    assertThat(list("slack", null, null, 10)).containsExactly(c.id(), a.id());
    assertThat(list(null, OutboxStatus.SENT, null, 10)).containsExactly(b.id());
    assertThat(list("slack", OutboxStatus.PENDING, null, 1)).containsExactly(c.id());
    assertThat(list(null, null, a.alarmId(), 10)).containsExactly(a.id());
  }

  private List<String> list(String channel, OutboxStatus status, String alarmId, int limit) {
    return result(store.list(new OutboxQuery(channel, status, alarmId, limit))).stream().map(OutboxMessage::id)
        .toList();
  }

  @Test
  void retentionDeletesOnlyFinishedMessagesLastChangedBeforeTheCutoff() {
    OutboxMessage sent = enqueued("slack");
    OutboxMessage dead = enqueued("slack");
    OutboxMessage failed = enqueued("slack");
    OutboxMessage pending = enqueued("slack");
    claim(store, "a", 3);
    result(store.markSent(sent.id(), "a", clock.instant()));
    result(store.markDead(dead.id(), "a", clock.instant(), "gone"));
    result(store.markFailed(failed.id(), "a", clock.instant(), "later", clock.instant().plus(Duration.ofDays(30))));
    clock.advance(Duration.ofDays(8));

    assertThat(result(store.deleteFinishedBefore(clock.instant(), 1))).isEqualTo(1);
    assertThat(result(store.deleteFinishedBefore(clock.instant(), 10))).isEqualTo(1);
    assertThat(result(store.deleteFinishedBefore(clock.instant(), 10))).isZero();
    assertThat(list(null, null, null, 10)).containsExactlyInAnyOrder(failed.id(), pending.id());
  }
}
