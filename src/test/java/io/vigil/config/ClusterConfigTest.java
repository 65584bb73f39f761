package io.vigil.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("The cluster section of the configuration")
class ClusterConfigTest {
  static VigilConfig load(Map<String, String> env) {
    return ConfigLoader.fromYaml(null, "test.yaml", env, Set.of("noop"));
  }

  @Test
  void byDefaultANodeRunsAloneAndWouldClusterOnLoopbackOnly() {
    ClusterConfig cluster = load(Map.of()).cluster();

    assertThat(cluster.enabled()).isFalse();
    assertThat(cluster.host()).isEqualTo("127.0.0.1");
    assertThat(cluster.members()).containsExactly("127.0.0.1");
    assertThat(cluster.port()).isEqualTo(5701);
    assertThat(cluster.lease()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void membersAreACommaSeparatedListOfHostsWithOptionalPorts() {
    ClusterConfig cluster = load(Map.of("VIGIL_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2 ,node-3.internal:5702"))
        .cluster();

    assertThat(cluster.members()).containsExactly("10.0.0.1:5701", "10.0.0.2", "node-3.internal:5702");
  }

  @Test
  void aBadMemberOrAHostNameToBindAreRefusedNamingTheKey() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> load(Map.of("VIGIL_CLUSTER_MEMBERS", "10.0.0.1;rm", "VIGIL_CLUSTER_HOST", "eth0")));

    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("cluster.members: '10.0.0.1;rm'"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("cluster.host: 'eth0' is not an IPv4 address"));
  }
}
