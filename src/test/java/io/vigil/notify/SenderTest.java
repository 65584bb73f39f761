package io.vigil.notify;

import io.vertx.core.Future;
import io.vigil.bus.NotificationJson;
import io.vigil.domain.Jitter;
import io.vigil.domain.RetryPolicy;
import io.vigil.domain.TaskIds;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.fact.DeliveryRecorded;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import io.vigil.kit.Breakers;
import io.vigil.store.Stores;
import io.vigil.store.memory.MemoryStores;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxStatus;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox loop on a hand-moved clock: retries and their backoff, Retry-After, giving up, order, the breaker. */
@DisplayName("Outbox sender")
class SenderTest {
  static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(8), Jitter.NONE);

  MutableClock clock;
  FakeTimers timers;
  Stores stores;
  TaskIds ids;
  ScriptedChannel hook;
  Breakers breakers;
  List<DeliveryRecorded> recorded;
  Sender sender;

  /** A channel that answers what the test scripted, in order (delivered once the script is out). */
  static final class ScriptedChannel implements Channel {
    final Deque<Delivery> script = new ArrayDeque<>();
    final List<Notification> received = new ArrayList<>();

    @Override
    public String name() {
      return "hook";
    }

    @Override
    public ChannelType type() {
      return ChannelType.WEBHOOK;
    }

    @Override
    public String target() {
      return "http://hook.example/****";
    }

    @Override
    public Future<Delivery> deliver(Notification n) {
      received.add(n);
      return Future.succeededFuture(script.isEmpty() ? Delivery.delivered(200) : script.poll());
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  @BeforeEach
  void setUp() {
    clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    timers = new FakeTimers(clock);
    stores = MemoryStores.create(1_000);
    ids = new TaskIds(clock);
    hook = new ScriptedChannel();
    breakers = new Breakers(clock, timers, new BreakerPolicy(BreakerPolicy.Window.COUNT, 4, 4, 100, Duration.ZERO, 100,
        Duration.ofSeconds(30), 1, Duration.ZERO));
    recorded = new ArrayList<>();
    sender = new Sender(stores.outbox(), stores.alarms(), () -> Map.of("hook", hook), breakers, clock, timers,
        () -> 0.5, new Sender.Settings("node-a", 3, RETRY, Duration.ofSeconds(30), 20), recorded::add);
  }

  private OutboxMessage queue(Notification n, String key) {
    OutboxMessage m = OutboxMessage.pending(n.id(), "hook", null, key, NotificationJson.toJson(n).encode(),
        clock.instant());
    assertThat(result(stores.outbox().enqueue(m))).isTrue();
    clock.advanceMillis(1);
    return m;
  }

  private Notification firing() {
    return withId(Samples.firing(clock.instant()), ids.next());
  }

  /** The outbox row's id is the notification's. */
  private static Notification withId(Notification n, String id) {
    return Samples.group(n.kind(), id, n.alerts(), n.createdAt());
  }

  private OutboxMessage row(OutboxMessage m) {
    return result(stores.outbox().find(m.id())).orElseThrow();
  }

  private void after(Duration d) {
    timers.advance(d);
    sender.wake();
    timers.runDue();
  }

  @Test
  void anAlarmsResolveQueuedBehindItsFiringGoesOutRightAfterItWithoutWaitingForThePoll() {
    String alarm = ids.next();
    Notification firing = firing();
    for (Notification n : List.of(firing, withId(Samples.resolve(firing, clock.instant()), ids.next()))) {
      assertThat(result(stores.outbox().enqueue(OutboxMessage.pending(n.id(), "hook", alarm, n.id(),
          NotificationJson.toJson(n).encode(), clock.instant())))).isTrue();
      clock.advanceMillis(1);
    }

    sender.wake();
    timers.runDue();

    assertThat(hook.received).extracting(n -> n.kind().wireName()).containsExactly("firing", "resolved");
  }

  @Test
  void aDeliveredMessageIsMarkedSentAndRecorded() {
    OutboxMessage m = queue(firing(), "a");

    sender.wake();

    assertThat(row(m).status()).isEqualTo(OutboxStatus.SENT);
    assertThat(hook.received).extracting(Notification::id).containsExactly(m.id());
    assertThat(recorded).singleElement().satisfies(f -> {
      assertThat(f.result()).isEqualTo(DeliveryRecorded.Result.SENT);
      assertThat(f.consecutiveFailures()).isZero();
    });
  }

  @Test
  void aFailedAttemptWaitsItsBackoffAndAfterTheLastAttemptTheMessageIsDead() {
    OutboxMessage m = queue(firing(), "a");
    hook.script.addAll(List.of(Delivery.retryable("HTTP 503", 503), Delivery.retryable("HTTP 503", 503),
        Delivery.retryable("HTTP 503", 503)));

    sender.wake();
    assertThat(row(m).status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(row(m).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));
    after(Duration.ofMillis(999));
    assertThat(hook.received).as("not before its backoff").hasSize(1);
    after(Duration.ofMillis(1));
    assertThat(hook.received).hasSize(2);
    assertThat(row(m).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(2));
    after(Duration.ofSeconds(2));

    assertThat(row(m).status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(row(m).lastError()).contains("3 attempts");
    assertThat(recorded).extracting(DeliveryRecorded::result).containsExactly(DeliveryRecorded.Result.RETRYING,
        DeliveryRecorded.Result.RETRYING, DeliveryRecorded.Result.DEAD);
    assertThat(recorded).extracting(DeliveryRecorded::consecutiveFailures).containsExactly(1, 2, 3);
  }

  @Test
  void aReceiversRetryAfterIsWaitedExactlyForTheWholeChannel() {
    OutboxMessage first = queue(firing(), "a");
    hook.script.add(Delivery.retryAfter(Duration.ofSeconds(17), "HTTP 429", 429));
    sender.wake();
    OutboxMessage second = queue(firing(), "b");

    after(Duration.ofSeconds(16));
    assertThat(hook.received).as("nothing to the channel while it asked to wait").hasSize(1);
    assertThat(row(second).status()).isEqualTo(OutboxStatus.PENDING);
    after(Duration.ofSeconds(1));

    assertThat(hook.received).extracting(Notification::id).containsExactly(first.id(), first.id(), second.id());
    assertThat(row(first).status()).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void aResolveNeverOvertakesItsFiringThatWaitsForARetry() {
    Notification firing = firing();
    OutboxMessage f = queue(firing, "alarm/firing");
    hook.script.add(Delivery.retryable("connection refused", 0));
    sender.wake();
    Notification resolve = withId(Samples.resolve(firing, clock.instant()), ids.next());
    OutboxMessage r = queue(resolve, "alarm/resolved");

    after(Duration.ofSeconds(1));

    assertThat(hook.received).extracting(Notification::id).containsExactly(f.id(), f.id(), r.id());
    assertThat(row(r).status()).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void aPermanentRefusalIsDeadAtOnceAndCountsAsEveryAttemptFailing() {
    OutboxMessage m = queue(firing(), "a");
    hook.script.add(Delivery.permanent("HTTP 404 no_service", 404));

    sender.wake();

    assertThat(row(m).status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(recorded).singleElement().satisfies(fact -> assertThat(fact.consecutiveFailures()).isEqualTo(3));
  }

  @Test
  void aChannelWhoseBreakerIsOpenIsNotClaimedUntilItsOpenTimeIsOver() {
    sender.settings(new Sender.Settings("node-a", 10, RETRY, Duration.ofSeconds(30), 20));
    queue(firing(), "a");
    for (int i = 0; i < 4; i++) hook.script.add(Delivery.retryable("HTTP 502", 502));
    sender.wake();
    for (int i = 0; i < 3; i++) after(Duration.ofSeconds(8));
    assertThat(hook.received).hasSize(4);
    assertThat(Sender.breaker(breakers, "hook").state()).isEqualTo(BreakerState.OPEN);

    after(Duration.ofSeconds(29));
    assertThat(hook.received).as("the open breaker keeps the channel out").hasSize(4);
    after(Duration.ofSeconds(1));

    assertThat(hook.received).as("one trial once it may, which heals it").hasSize(5);
    assertThat(Sender.breaker(breakers, "hook").state()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void aMessageLeasedByAnotherNodeIsNotSentHere() {
    OutboxMessage m = queue(firing(), "a");
    assertThat(result(stores.outbox().claimDue(new io.vigil.store.outbox.Claim("node-b", clock.instant(),
        Duration.ofSeconds(30), 10, java.util.Set.of())))).hasSize(1);

    sender.wake();
    assertThat(hook.received).isEmpty();
    after(Duration.ofSeconds(30));

    assertThat(hook.received).as("its lease ran out: node-b died").hasSize(1);
    assertThat(row(m).status()).isEqualTo(OutboxStatus.SENT);
    assertThat(row(m).attempts()).isEqualTo(2);
  }
}
