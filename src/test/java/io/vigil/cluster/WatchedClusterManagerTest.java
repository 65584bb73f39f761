package io.vigil.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.impl.MemberImpl;
import com.hazelcast.multimap.MultiMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.spi.cluster.hazelcast.impl.HazelcastRegistrationInfo;
import io.vigil.bus.ClusterView;
import io.vigil.config.ClusterConfig;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real Hazelcast members on loopback: the watched cluster manager tells the view who serves and who left. */
@DisplayName("The watched cluster manager")
class WatchedClusterManagerTest {
  private final List<Vertx> nodes = new ArrayList<>();

  @AfterEach
  void close() {
    nodes.forEach(n -> n.close().await());
  }

  private Vertx node(ClusterView view, String name, int port, List<String> members) {
    ClusterConfig config = new ClusterConfig(true, name, "127.0.0.1", port, members, Duration.ofSeconds(3),
        Duration.ofSeconds(5), Duration.ofSeconds(2), "");
    return node(view, HazelcastCluster.clusterManager(config, view));
  }

  private Vertx node(ClusterView view, HazelcastClusterManager manager) {
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
    Vertx vertx = Vertx.builder().with(options).withClusterManager(manager).buildClustered().await();
    ClusterView.install(vertx, view, manager.getNodeId());
    nodes.add(vertx);
    return vertx;
  }

  @Test
  void aRequestHeldByAMemberThatLeavesFailsAtOnceInsteadOfAtItsTimeout() throws Exception {
    String name = "vigil-watch-" + UUID.randomUUID();
    int portA = RunningVigil.freePort();
    int portB = RunningVigil.freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    ClusterView view = new ClusterView();
    Vertx a = node(view, name, portA, members);
    Vertx b = node(new ClusterView(), name, portB, members);
    AtomicInteger held = new AtomicInteger();
    b.eventBus().consumer("vigil.test.silent", message -> held.incrementAndGet()).completion().await();
    Eventually.until("A sees B's consumer", () -> {
      a.eventBus().request("vigil.test.silent", "probe", new DeliveryOptions().setSendTimeout(1));
      return held.get() > 0;
    });

    Future<Message<Object>> asked = ClusterView.request(a.eventBus(), "vigil.test.silent", "work",
        new DeliveryOptions().setSendTimeout(60_000));
    Eventually.until("B holds the request", () -> held.get() > 1);
    assertThat(view.servers("vigil.test.silent")).hasSize(1);

    nodes.remove(b);
    b.close().await();

    Throwable error = asked.toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(15, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(ClusterView.NodeLeft.class);
    assertThat(view.servers("vigil.test.silent")).isEmpty();
  }

  @Test
  void aRegistrationADepartedMemberLeftBehindNeverRoutesARequestToIt() throws Exception {
    int port = RunningVigil.freePort();
    ClusterView view = new ClusterView();
    HazelcastClusterManager manager = HazelcastCluster.clusterManager(new ClusterConfig(true,
        "vigil-watch-" + UUID.randomUUID(), "127.0.0.1", port, List.of("127.0.0.1:" + port), Duration.ofSeconds(3),
        Duration.ofSeconds(5), Duration.ofSeconds(2), ""), view);
    Vertx node = node(view, manager);
    String address = "vigil.test.taken-over";
    MultiMap<String, HazelcastRegistrationInfo> subs = manager.getHazelcastInstance().getMultiMap("__vertx.subs");
    // the killed leader served the address, and this node routed a request there
    subs.put(address, new HazelcastRegistrationInfo(new RegistrationInfo("killed", 1, false)));
    node.eventBus().request(address, "before", new DeliveryOptions().setSendTimeout(200))
        .toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(5, TimeUnit.SECONDS);

    Member killed = new MemberImpl.Builder(new Address("127.0.0.1", 1)).uuid(UUID.randomUUID())
        .attributes(Map.of("__vertx.nodeId", "killed")).build();
    manager.memberRemoved(new MembershipEvent(manager.getHazelcastInstance().getCluster(), killed,
        MembershipEvent.MEMBER_REMOVED, Set.of()));
    // its registration outlives the clean-up (or an update computed before it arrives after it),
    // and this node takes the address over
    subs.put(address, new HazelcastRegistrationInfo(new RegistrationInfo("killed", 2, false)));
    node.eventBus().consumer(address, message -> message.reply("here")).completion().await();
    Eventually.until("the view knows this node serves it", () -> view.servers(address).contains(manager.getNodeId()));

    for (int i = 0; i < 6; i++) {
      Message<Object> answer = ClusterView.<Object>request(node.eventBus(), address, "after",
          new DeliveryOptions().setSendTimeout(3_000)).await();
      assertThat(answer.body()).as("request %d is answered by this node's own consumer", i).isEqualTo("here");
    }
    assertThat(view.servers(address)).containsExactly(manager.getNodeId());
  }
}
