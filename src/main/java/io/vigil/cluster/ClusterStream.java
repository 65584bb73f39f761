package io.vigil.cluster;

import io.vigil.bus.Addresses;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;

import java.util.List;

/** What the cluster shows on the live stream: every node's gain or loss of the lead, and every node's load (live only). */
public final class ClusterStream {
  private ClusterStream() {}

  public static StreamRegistry registry() {
    return StreamRegistry.of(List.of(StreamRegistration.fact(Addresses.CLUSTER_LEADER_CHANGED),
        StreamRegistration.ephemeral(Addresses.CLUSTER_NODE_LOAD, "cluster.node.load", load -> load)), List.of());
  }
}
