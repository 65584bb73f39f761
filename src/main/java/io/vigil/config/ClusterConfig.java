package io.vigil.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a node finds its peers and shares leadership. Hazelcast joins over TCP to the listed members only; multicast
 * and auto-detection are never used, so a node never looks beyond the networks it is given.
 *
 * @param name             only nodes with the same cluster name join each other
 * @param host             the interface Hazelcast and the clustered event bus bind to and announce
 * @param port             Hazelcast's member port; when taken, the next free one (up to {@code port + 100})
 * @param members          peers as {@code host} or {@code host:port}; a host alone is tried on ports 5701-5703
 * @param lease            how long a leadership lease lasts unrenewed: a dead leader is replaced after at most this
 *                         (plus one check); renewed every quarter of it
 * @param heartbeatTimeout a member silent this long is removed from the cluster
 * @param loadInterval     how often a node reports its load to every node
 * @param dns              a headless Service's DNS name (Kubernetes): when set, the members are the addresses it
 *                         resolves to (Hazelcast's DNS lookup) instead of {@code members}; empty = {@code members}
 */
public record ClusterConfig(boolean enabled, String name, String host, int port, List<String> members, Duration lease,
                            Duration heartbeatTimeout, Duration loadInterval, String dns) {

  public ClusterConfig {
    members = List.copyOf(members);
  }

  static ClusterConfig read(ConfigReader r) {
    List<String> members = new ArrayList<>();
    for (String member : r.string("cluster.members").split(",")) {
      String trimmed = member.trim();
      if (trimmed.isEmpty()) continue;
      if (!trimmed.matches("[A-Za-z0-9.:\\[\\]-]+(:[0-9]{1,5}(-[0-9]{1,5})?)?")) {
        r.problem("cluster.members", "'" + trimmed + "' is not a host or host:port");
      }
      members.add(trimmed);
    }
    String host = r.string("cluster.host");
    if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      r.problem("cluster.host", "'" + host + "' is not an IPv4 address (Hazelcast binds an interface by its address)");
    }
    String name = r.string("cluster.name");
    if (name.isEmpty()) r.problem("cluster.name", "a cluster needs a name");
    return new ClusterConfig(r.bool("cluster.enabled"), name, host,
        r.integer("cluster.port", 1, 65_535), members, r.millis("cluster.lease_ms", 500, 600_000),
        r.millis("cluster.heartbeat_timeout_ms", 1_000, 600_000), r.millis("cluster.load_interval_ms", 200, 600_000),
        dns(r));
  }

  private static String dns(ConfigReader r) {
    String dns = r.string("cluster.dns").trim();
    if (!dns.isEmpty() && !dns.matches("[A-Za-z0-9.-]+")) r.problem("cluster.dns", "'" + dns + "' is not a DNS name");
    return dns;
  }
}
