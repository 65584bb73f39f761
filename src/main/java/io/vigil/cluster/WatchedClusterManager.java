package io.vigil.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.config.Config;
import io.vertx.core.Completable;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vigil.bus.ClusterView;

import java.util.List;

/**
 * Vert.x's Hazelcast cluster manager, telling a {@link ClusterView} what it tells Vert.x's routing: which nodes
 * serve an address (the first look-up of an address and every update after) and which members left. Only the
 * public cluster-manager SPI is observed; nothing of Vert.x's or Hazelcast's behaviour changes.
 */
final class WatchedClusterManager extends HazelcastClusterManager {
  private final ClusterView view;

  WatchedClusterManager(Config config, ClusterView view) {
    super(config);
    this.view = view;
  }

  @Override
  public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
    super.getRegistrations(address, (infos, error) -> {
      if (error == null) view.served(address, reachable(infos));
      promise.complete(infos, error);
    });
  }

  @Override
  public void registrationListener(RegistrationListener listener) {
    super.registrationListener(new RegistrationListener() {
      @Override
      public void registrationsUpdated(RegistrationUpdateEvent event) {
        if (view.tracks(event.address())) view.served(event.address(), reachable(event.registrations()));
        if (listener.wantsUpdatesFor(event.address())) listener.registrationsUpdated(event);
      }

      @Override
      public void registrationsLost() {
        listener.registrationsLost();
      }

      @Override
      public boolean wantsUpdatesFor(String address) {
        return listener.wantsUpdatesFor(address) || view.tracks(address);
      }
    });
  }

  @Override
  public synchronized void memberRemoved(MembershipEvent event) {
    List<String> before = getNodes();
    super.memberRemoved(event);
    List<String> after = getNodes();
    for (String node : before) {
      if (!after.contains(node)) view.departed(node);
    }
  }

  /** The nodes a request from here can reach: another node's local-only consumers are not among them. */
  private List<String> reachable(List<RegistrationInfo> infos) {
    String self = getNodeId();
    return infos.stream().filter(info -> !info.localOnly() || info.nodeId().equals(self))
        .map(RegistrationInfo::nodeId).distinct().toList();
  }
}
