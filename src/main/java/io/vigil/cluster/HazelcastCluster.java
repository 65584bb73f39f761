package io.vigil.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vigil.bus.ClusterView;
import io.vigil.config.ClusterConfig;

/**
 * The Hazelcast member a clustered node runs: Vert.x's map settings (its {@code default-cluster.xml}, or a
 * {@code cluster.xml} on the classpath), then Vigil's network. It binds the configured interface only, joins over
 * TCP to the listed members only — or, on Kubernetes, to the addresses a headless Service's DNS name resolves to —
 * (multicast and cloud auto-detection off), never phones home, logs through SLF4J,
 * and drops a silent member after {@code cluster.heartbeat_timeout_ms}; it runs lean ({@link #lean}).
 */
public final class HazelcastCluster {
  private static final int PORT_COUNT = 100;

  private HazelcastCluster() {}

  public static HazelcastClusterManager clusterManager(ClusterConfig cluster) {
    return new HazelcastClusterManager(config(cluster));
  }

  /** The member, reporting to {@code view} which nodes serve an address and which leave. */
  public static HazelcastClusterManager clusterManager(ClusterConfig cluster, ClusterView view) {
    return new WatchedClusterManager(config(cluster), view);
  }

  /**
   * What a small cluster that holds a few maps (the event bus's registrations, the node list, the leadership lease)
   * does not need, each costing CPU on every member when idle: the metrics registry (collected every 5 s for
   * Management Center and JMX, which nothing reads), Jet, the slow-operation detector and health monitor threads, and
   * thread pools sized for a large server. Only member-local settings: a member that joins with Hazelcast's defaults
   * (a worker, examples/worker) still fits — which is why the partition count (which every member must share) stays
   * 271. Failure detection (heartbeats) is untouched.
   */
  static void lean(Config config) {
    config.getMetricsConfig().setEnabled(false);
    config.getJetConfig().setEnabled(false);
    config.setProperty("hazelcast.slow.operation.detector.enabled", "false");
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    config.setProperty("hazelcast.io.thread.count", "1");
    config.setProperty("hazelcast.event.thread.count", "2");
    config.setProperty("hazelcast.operation.generic.thread.count", "1");
  }

  static Config config(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.dns().isEmpty()) {
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    } else {
      // Kubernetes: the headless Service's DNS name resolves to every ready pod (Hazelcast's DNS lookup mode)
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", cluster.dns())
          .setProperty("service-port", Integer.toString(cluster.port()));
    }
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds",
        Long.toString(Math.max(1, (cluster.heartbeatTimeout().toMillis() + 999) / 1000)));
    lean(config);
    return config;
  }
}
