package io.vigil.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vigil.bus.Addresses;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.LeaderChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Leader-only deployments")
class LeaderOnlyVerticleTest {
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger started = new AtomicInteger();
  final Stamps stamps = new Stamps(Clock.systemUTC());
  Vertx vertx;
  String deployment;

  final class Work extends VerticleBase {
    @Override
    public Future<?> start() {
      started.incrementAndGet();
      running.incrementAndGet();
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      running.decrementAndGet();
      return Future.succeededFuture();
    }
  }

  @BeforeEach
  void deploy() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx.eventBus());
    deployment = Await.result(vertx.deployVerticle(new LeaderOnlyVerticle("me", List.of(Work::new, Work::new))));
  }

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  /** What the cluster verticle of {@code publisher} says about its own role. */
  LeaderChanged fact(String publisher, String leader) {
    return new LeaderChanged(stamps.next(), publisher, publisher.equals(leader), leader, null, null, "test");
  }

  void leaderChanged(String publisher, String leader) {
    Facts.publish(vertx.eventBus(), Addresses.CLUSTER_LEADER_CHANGED, fact(publisher, leader));
  }

  @Test
  void theLeaderOnlyVerticlesRunWhileThisNodeLeadsAndStopWhenItNoLongerDoes() {
    leaderChanged("me", "me");
    Eventually.until("both verticles run", () -> running.get() == 2);

    leaderChanged("me", "other");
    Eventually.until("both verticles are undeployed", () -> running.get() == 0);
  }

  @Test
  void onlyThisNodesOwnNewsDecidesWhetherItLeads() {
    assertThat(fact("me", "me").roleOf("me")).contains(true);
    assertThat(fact("me", "other").roleOf("me")).contains(false);
    assertThat(fact("me", null).roleOf("me")).contains(false);
    assertThat(new LeaderChanged(stamps.next(), "other", false, "me", null, "other", "stale").roleOf("me"))
        .as("a peer's view that this node leads").isEmpty();
    assertThat(fact("other", null).roleOf("me")).as("a peer that lost the lead").isEmpty();
  }

  @Test
  void aQuickLoseAndGainEndsInTheStateOfTheLastFact() {
    leaderChanged("me", "me");
    leaderChanged("me", null);
    leaderChanged("me", "me");

    Eventually.until("the work runs once", () -> running.get() == 2);
    assertThat(started.get()).isBetween(2, 4);
  }

  @Test
  void undeployingTheNodeUndeploysTheLeaderOnlyWork() {
    leaderChanged("me", "me");
    Eventually.until("the work runs", () -> running.get() == 2);

    Await.result(vertx.undeploy(deployment));

    assertThat(running.get()).isZero();
  }
}
