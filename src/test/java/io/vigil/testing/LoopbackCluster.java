package io.vigil.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The settings of an n-node Vigil cluster on loopback: a cluster name of its own (so no other test's nodes join),
 * one Hazelcast port per node, each node listing every port as a TCP member. Multicast is never used.
 */
public final class LoopbackCluster {
  private final String name = "vigil-test-" + UUID.randomUUID();
  private final List<Integer> ports = new ArrayList<>();

  public LoopbackCluster(int nodes) {
    for (int i = 0; i < nodes; i++) ports.add(RunningVigil.freePort());
  }

  /** The environment of node {@code i} (0-based), on top of {@code extra}. */
  public Map<String, String> env(int i, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("VIGIL_CLUSTER_ENABLED", "true");
    env.put("VIGIL_CLUSTER_NAME", name);
    env.put("VIGIL_CLUSTER_HOST", "127.0.0.1");
    env.put("VIGIL_CLUSTER_PORT", Integer.toString(ports.get(i)));
    env.put("VIGIL_CLUSTER_MEMBERS", ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    return env;
  }

  public Map<String, String> env(int i) {
    return env(i, Map.of());
  }
}
