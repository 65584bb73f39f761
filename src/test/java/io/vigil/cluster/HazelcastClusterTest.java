package io.vigil.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vigil.config.ClusterConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Hazelcast member configuration")
class HazelcastClusterTest {
  final ClusterConfig cluster = new ClusterConfig(true, "ops", "127.0.0.1", 5801, List.of("127.0.0.1:5801", "10.0.0.2"),
      Duration.ofSeconds(3), Duration.ofMillis(4_500), Duration.ofSeconds(2), "");
  final Config config = HazelcastCluster.config(cluster);

  @Test
  void joinsOverTcpToTheListedMembersOnlyNeverByMulticastOrAutoDetection() {
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5801", "10.0.0.2");
  }

  @Test
  void bindsTheConfiguredInterfaceOnlyFromTheConfiguredPort() {
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(config.getClusterName()).isEqualTo("ops");
  }

  @Test
  void neverPhonesHomeAndDropsASilentMemberAfterTheHeartbeatTimeoutRoundedUpToSeconds() {
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
  }

  @Test
  void runsWithoutMetricsJetSlowOperationDetectorOrHealthMonitorAndWithFewThreadsButTheDefaultPartitionCount() {
    assertThat(config.getMetricsConfig().isEnabled()).isFalse();
    assertThat(config.getJetConfig().isEnabled()).isFalse();
    assertThat(config.getProperty("hazelcast.slow.operation.detector.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.health.monitoring.level")).isEqualTo("OFF");
    assertThat(config.getProperty("hazelcast.io.thread.count")).isEqualTo("1");
    assertThat(config.getProperty("hazelcast.partition.count")).as("a worker with Hazelcast's defaults still joins").isNull();
  }

  @Test
  void onKubernetesFindsTheMembersByTheHeadlessServicesDnsNameInsteadOfTheList() {
    ClusterConfig k8s = new ClusterConfig(true, "ops", "10.1.2.3", 5701, List.of("127.0.0.1"), Duration.ofSeconds(3),
        Duration.ofSeconds(5), Duration.ofSeconds(2), "vigil-hz.vigil.svc.cluster.local");
    JoinConfig join = HazelcastCluster.config(k8s).getNetworkConfig().getJoin();

    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("vigil-hz.vigil.svc.cluster.local");
  }

  @Test
  void keepsVertxsOwnMapSettings() {
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
  }
}
