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
 * TCP to the listed members only (multicast and cloud auto-detection off), never phones home, logs through SLF4J,
 * and drops a silent member after {@code cluster.heartbeat_timeout_ms}.
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

  static Config config(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds",
        Long.toString(Math.max(1, (cluster.heartbeatTimeout().toMillis() + 999) / 1000)));
    return config;
  }
}
