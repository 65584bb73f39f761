package io.vigil.kit;

import io.vertx.core.Future;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTransition;
import io.vigil.domain.breaker.BreakerTrigger;
import io.vigil.domain.breaker.SharedBreakerState;
import io.vigil.bus.BreakerJson;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Breaker states shared between nodes (over an in-memory stand-in for Redis, on a driven clock)")
class BreakerSharingTest {
  /** Count window of 4, all needed, opens at 50 %, 10 s open, 1 trial. */
  static final BreakerPolicy POLICY = new BreakerPolicy(BreakerPolicy.Window.COUNT, 4, 4, 50, Duration.ZERO, 100,
      Duration.ofSeconds(10), 1, Duration.ZERO);
  static final String NAME = "http:pay:443";

  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  final FakeTimers timers = new FakeTimers(clock);
  final Hub hub = new Hub();

  /** Redis as the link sees it: a hash of recorded states and a channel, delivered later (deferred), as text. */
  final class Hub {
    final Map<String, String> hash = new LinkedHashMap<>();
    final List<Consumer<SharedBreakerState>> subscribers = new ArrayList<>();
    int published;

    BreakerLink link() {
      return new BreakerLink() {
        Consumer<SharedBreakerState> mine;

        @Override
        public void publish(SharedBreakerState state) {
          published++;
          String text = BreakerJson.encode(state);
          if (state.kept()) hash.put(state.name(), text);
          else hash.remove(state.name());
          for (Consumer<SharedBreakerState> s : List.copyOf(subscribers)) {
            timers.defer(() -> s.accept(BreakerJson.decode(text)));
          }
        }

        @Override
        public Future<List<SharedBreakerState>> load() {
          return Future.succeededFuture(hash.values().stream().map(BreakerJson::decode).toList());
        }

        @Override
        public Future<Void> listen(Consumer<SharedBreakerState> received, Runnable resynced) {
          mine = received;
          subscribers.add(received);
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> close() {
          subscribers.remove(mine);
          return Future.succeededFuture();
        }
      };
    }
  }

  final class Node {
    final String id;
    final Breakers breakers = new Breakers(clock, timers, POLICY);
    final BreakerSharing sharing;
    final List<BreakerTransition> transitions = new ArrayList<>();
    final AtomicInteger made = new AtomicInteger();

    Node(String id) {
      this.id = id;
      breakers.onTransition(transitions::add);
      sharing = new BreakerSharing(breakers, hub.link(), id, clock);
      assertThat(sharing.start().succeeded()).isTrue();
      timers.runDue();
    }

    Future<String> call(boolean ok) {
      return breakers.execute(NAME, () -> {
        made.incrementAndGet();
        return ok ? Future.succeededFuture("ok") : Future.failedFuture("502");
      });
    }

    BreakerState state() {
      return breakers.breaker(NAME).state();
    }

    void stop() {
      sharing.stop();
    }
  }

  void trip(Node node) {
    for (int i = 0; i < 4; i++) node.call(false);
    assertThat(node.state()).isEqualTo(BreakerState.OPEN);
  }

  @Test
  void aBreakerThatTripsOnOneNodeIsOpenOnTheOtherUntilTheSameMomentAndRefusesCallsThere() {
    Node a = new Node("a");
    Node b = new Node("b");

    trip(a);
    timers.runDue();

    assertThat(b.state()).isEqualTo(BreakerState.OPEN);
    assertThat(b.breakers.breaker(NAME).snapshot().openUntil()).isEqualTo(a.breakers.breaker(NAME).snapshot().openUntil());
    assertThat(b.breakers.breaker(NAME).snapshot().opened().node()).as("which node tripped it").isEqualTo("a");
    assertThat(b.transitions).singleElement().satisfies(t -> {
      assertThat(t.reason()).isEqualTo(BreakerTrigger.PEER_OPENED);
      assertThat(t.node()).isEqualTo("a");
    });
    assertThat(b.call(true).failed()).isTrue();
    assertThat(b.made).as("the call was refused without being made").hasValue(0);
    assertThat(hub.published).as("b took it on without telling it back").isEqualTo(1);
  }

  @Test
  void whenTheSharedOpenTimeEndsEachNodeTriesAndAPassedTrialClosesTheOthersToo() {
    Node a = new Node("a");
    Node b = new Node("b");
    trip(a);
    timers.runDue();

    clock.advance(Duration.ofSeconds(10));
    assertThat(a.call(true).succeeded()).as("a's trial passes").isTrue();
    assertThat(a.state()).isEqualTo(BreakerState.CLOSED);
    timers.runDue();

    assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(b.transitions).last().satisfies(t -> assertThat(t.reason()).isEqualTo(BreakerTrigger.PEER_CLOSED));
    assertThat(hub.hash).as("nothing left for a restarting node to take on").isEmpty();
  }

  @Test
  void aNodeThatStartsWhileABreakerIsOpenTakesItOnUntilTheOpenTimeEndsThenTriesItself() {
    Node a = new Node("a");
    trip(a);
    a.stop();
    clock.advance(Duration.ofSeconds(4));

    Node restarted = new Node("a2");

    assertThat(restarted.state()).isEqualTo(BreakerState.OPEN);
    assertThat(restarted.call(true).failed()).isTrue();
    clock.advance(Duration.ofSeconds(6));
    assertThat(restarted.call(true).succeeded()).as("the open time is over: a trial goes through").isTrue();
    assertThat(restarted.made).hasValue(1);
  }

  @Test
  void aRecordedOpenStateWhoseTimeIsOverIsNotTakenOnAtStart() {
    Node a = new Node("a");
    trip(a);
    a.stop();
    clock.advance(Duration.ofSeconds(11));

    Node late = new Node("b");

    assertThat(late.breakers.find(NAME)).isEmpty();
  }

  @Test
  void aForcedStateHoldsOnEveryNodeWhateverTheirCallsDoUntilAnOperatorResetsIt() {
    Node a = new Node("a");
    Node b = new Node("b");
    b.breakers.breaker(NAME);

    a.breakers.breaker(NAME).machine().forceClose("ops-admin");
    timers.runDue();
    assertThat(b.state()).isEqualTo(BreakerState.FORCED_CLOSED);
    assertThat(b.transitions).last().satisfies(t -> assertThat(t.actor()).isEqualTo("ops-admin"));
    for (int i = 0; i < 8; i++) b.call(false);
    assertThat(b.state()).as("failures do not open a forced-closed breaker").isEqualTo(BreakerState.FORCED_CLOSED);

    a.breakers.breaker(NAME).machine().forceOpen("ops-admin");
    timers.runDue();
    assertThat(b.state()).isEqualTo(BreakerState.FORCED_OPEN);
    clock.advance(Duration.ofHours(1));
    assertThat(b.call(true).failed()).as("forced open does not end with the open time").isTrue();

    Node restarted = new Node("c");
    assertThat(restarted.state()).as("a node started meanwhile is forced too").isEqualTo(BreakerState.FORCED_OPEN);

    b.breakers.breaker(NAME).machine().reset("ops-admin");
    timers.runDue();
    assertThat(List.of(a.state(), b.state(), restarted.state())).containsOnly(BreakerState.CLOSED);
    assertThat(hub.hash).isEmpty();
  }

  @Test
  void aPeersOpeningWithALaterEndExtendsAnOpenBreakerSoTrialsStartTogether() {
    Node a = new Node("a");
    Node b = new Node("b");
    trip(b);
    timers.runDue();
    assertThat(a.state()).isEqualTo(BreakerState.OPEN);
    clock.advance(Duration.ofSeconds(10));
    a.call(false); // a's trial fails: open for another 10 s, told to b, which was still open (lazily)
    timers.runDue();

    assertThat(b.call(true).failed()).as("b waits for the later end").isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(b.call(true).succeeded()).isTrue();
  }
}
