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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vert.x's Hazelcast cluster manager, telling a {@link ClusterView} what it tells Vert.x's routing: which nodes
 * serve an address (the first look-up of an address and every update after) and which members left.
 *
 * <p>It also keeps departed members out of Vert.x's routing. Vert.x 5.0.8 caches, per address, the nodes a send may
 * pick, and changes that cache only on a registration update; it ignores {@code registrationsLost}. vertx-hazelcast
 * removes a killed member's registrations from its multimap only after a scan retried against the dead member, and
 * an update computed meanwhile (for instance when the new leader binds its engines) still names it: sends then pick
 * the dead node ("Connecting to server ... failed") and wait out their timeout, even on the node that now serves
 * the address itself. So every registration list handed to Vert.x drops the
 * members that left, and when one leaves, every address Vert.x routes gets a corrected update at once.
 */
final class WatchedClusterManager extends HazelcastClusterManager {
  /** Where Vert.x's Hazelcast cluster manager keeps a member's node id (vertx-hazelcast 5). */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  private static final int DEPARTED_KEPT = 1_024;
  private final ClusterView view;
  /** Members that left (bounded; node ids are never reused): their registrations are never handed to Vert.x. */
  private final Set<String> departed = ConcurrentHashMap.newKeySet();
  /** The addresses Vert.x looked up or was told about: the ones a departure corrects. */
  private final Set<String> routed = ConcurrentHashMap.newKeySet();
  private volatile RegistrationListener routing;

  WatchedClusterManager(Config config, ClusterView view) {
    super(config);
    this.view = view;
  }

  @Override
  public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
    routed.add(address);
    super.getRegistrations(address, (infos, error) -> {
      if (error != null) {
        promise.fail(error);
        return;
      }
      List<RegistrationInfo> live = live(infos);
      view.served(address, reachable(live));
      promise.succeed(live);
    });
  }

  @Override
  public void registrationListener(RegistrationListener listener) {
    routing = new RegistrationListener() {
      @Override
      public void registrationsUpdated(RegistrationUpdateEvent event) {
        String address = event.address();
        List<RegistrationInfo> live = live(event.registrations());
        if (view.tracks(address)) view.served(address, reachable(live));
        if (listener.wantsUpdatesFor(address)) {
          routed.add(address);
          listener.registrationsUpdated(new RegistrationUpdateEvent(address, live));
        }
      }

      @Override
      public void registrationsLost() {
        listener.registrationsLost();
      }

      @Override
      public boolean wantsUpdatesFor(String address) {
        return listener.wantsUpdatesFor(address) || view.tracks(address);
      }
    };
    super.registrationListener(routing);
  }

  @Override
  public synchronized void memberRemoved(MembershipEvent event) {
    // the node id Vert.x gives a Hazelcast member (its member list has already dropped this one)
    String attribute = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
    String node = attribute != null ? attribute : event.getMember().getUuid().toString();
    // before vertx-hazelcast's clean-up, which takes a while (a multimap scan retried against the dead member):
    // meanwhile the leader may take over, and the update its new consumer causes must not name the dead node
    if (departed.size() >= DEPARTED_KEPT) departed.clear();
    departed.add(node);
    view.departed(node);
    super.memberRemoved(event);
    RegistrationListener listener = routing;
    if (listener == null) return;
    // what Vert.x cached may still name the node; a fresh, filtered list replaces it (or drops it when empty)
    for (String address : routed) {
      super.getRegistrations(address, (infos, error) -> {
        if (error == null && listener.wantsUpdatesFor(address)) {
          listener.registrationsUpdated(new RegistrationUpdateEvent(address, infos));
        }
      });
    }
  }

  /** {@code infos} without the registrations of members that left. */
  private List<RegistrationInfo> live(List<RegistrationInfo> infos) {
    if (departed.isEmpty() || infos.stream().noneMatch(info -> departed.contains(info.nodeId()))) return infos;
    return infos.stream().filter(info -> !departed.contains(info.nodeId())).toList();
  }

  /** The nodes a request from here can reach: another node's local-only consumers are not among them. */
  private List<String> reachable(List<RegistrationInfo> infos) {
    String self = getNodeId();
    return infos.stream().filter(info -> !info.localOnly() || info.nodeId().equals(self))
        .map(RegistrationInfo::nodeId).distinct().toList();
  }
}
