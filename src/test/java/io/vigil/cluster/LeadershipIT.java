package io.vigil.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vigil.testing.Eventually;
import io.vigil.testing.LoopbackCluster;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Leader-only verticles on two clustered nodes")
class LeadershipIT {
  /** Running instances of the leader-only verticle, per node label. */
  static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();
  static RunningVigil a;
  static RunningVigil b;

  /** Stands in for a probe or alarm verticle: it only counts itself. */
  static final class LeaderOnlyWork extends VerticleBase {
    private final String label;

    LeaderOnlyWork(String label) {
      this.label = label;
    }

    @Override
    public Future<?> start() {
      RUNNING.computeIfAbsent(label, l -> new AtomicInteger()).incrementAndGet();
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      RUNNING.get(label).decrementAndGet();
      return Future.succeededFuture();
    }
  }

  @BeforeAll
  static void start() {
    LoopbackCluster cluster = new LoopbackCluster(2);
    a = RunningVigil.start("", cluster.env(0), Clock.systemUTC(), List.of(() -> new LeaderOnlyWork("a")));
    b = RunningVigil.start("", cluster.env(1), Clock.systemUTC(), List.of(() -> new LeaderOnlyWork("b")));
  }

  @AfterAll
  static void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
  }

  static int running(String label) {
    return RUNNING.getOrDefault(label, new AtomicInteger()).get();
  }

  @Test
  void exactlyOneNodeRunsTheLeaderOnlyWorkAndThePeerTakesItOverWhenTheLeaderStops() {
    Eventually.await("one node runs the leader-only work", Duration.ofSeconds(10),
        () -> running("a") + running("b") == 1);
    boolean aLeads = running("a") == 1;
    RunningVigil leader = aLeads ? a : b;
    RunningVigil follower = aLeads ? b : a;
    assertThat(follower.get("/api/cluster").json().getJsonObject("leader").getString("node")).isEqualTo(leader.node());

    leader.close();
    if (aLeads) a = null;
    else b = null;

    assertThat(running(aLeads ? "a" : "b")).as("the stopped leader's work is undeployed").isZero();
    Eventually.await("the peer runs the leader-only work", Duration.ofSeconds(5),
        () -> running(aLeads ? "b" : "a") == 1);
    assertThat(follower.get("/api/cluster").json().getBoolean("leads")).isTrue();
  }
}
