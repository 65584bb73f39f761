package io.vigil.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vigil.bus.Addresses;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.EventFactory;
import io.vigil.bus.Facts;
import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Leader-only deployments")
class LeaderOnlyVerticleTest {
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger started = new AtomicInteger();
  final EventFactory events = new EventFactory(Clock.systemUTC());
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
  Event fact(String publisher, String leader) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("node", publisher);
    if (leader != null) details.put("leader", leader);
    return events.create("cluster.leader.changed", Severity.INFO, "cluster", null, "test", details);
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
    assertThat(LeaderOnlyVerticle.roleOf("me", fact("me", "me"))).contains(true);
    assertThat(LeaderOnlyVerticle.roleOf("me", fact("me", "other"))).contains(false);
    assertThat(LeaderOnlyVerticle.roleOf("me", fact("me", null))).contains(false);
    assertThat(LeaderOnlyVerticle.roleOf("me", fact("other", "me"))).as("a peer's stale view").isEmpty();
    assertThat(LeaderOnlyVerticle.roleOf("me", fact("other", null))).as("a peer that lost the lead").isEmpty();
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
