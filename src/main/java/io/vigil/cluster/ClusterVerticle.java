package io.vigil.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.domain.Millis;
import io.vigil.domain.fact.LeaderChanged;
import io.vigil.domain.fact.Stamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * This node's place in the cluster: runs the {@link Leadership} checks, publishes {@code vigil.cluster.leader.changed}
 * when this node gains or loses the lead, keeps this node's entry in the shared node list, and answers
 * {@code vigil.cluster.get} with this node's view (nodes, leader, since when, each node's last reported load), and
 * reports this node's load ({@link NodeLoad}) to every node. One instance per node.
 */
public final class ClusterVerticle extends VerticleBase {
  static final String NODES_MAP = "vigil.cluster.nodes";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterVerticle.class);

  private final String node;
  private final boolean clustered;
  private final Leadership leadership;
  private final Supplier<List<String>> members;
  private final Duration checkEvery;
  private final Clock clock;
  private final JsonObject info;
  private final Duration loadEvery;
  private final Map<String, JsonObject> loads = new HashMap<>();
  private NodeLoad load;
  private Stamps stamps;
  private AsyncMap<String, String> nodes;
  private long timer = -1;
  private long loadTimer = -1;
  private int counted = 1;

  /**
   * @param members    the live members' node ids (this node's alone when not clustered)
   * @param checkEvery how often the lease is checked and renewed
   * @param info       what the node list shows about this node (e.g. its HTTP address)
   * @param loadEvery  how often this node reports its load to every node
   */
  public ClusterVerticle(String node, boolean clustered, Leadership leadership, Supplier<List<String>> members,
                         Duration checkEvery, Clock clock, JsonObject info, Duration loadEvery) {
    this.node = node;
    this.clustered = clustered;
    this.leadership = leadership;
    this.members = members;
    this.checkEvery = checkEvery;
    this.clock = clock;
    this.info = info.copy();
    this.loadEvery = loadEvery;
  }

  @Override
  public Future<?> start() {
    stamps = new Stamps(clock);
    Commands.bind(vertx.eventBus(), Addresses.CLUSTER_GET, (q, m) -> view());
    info.put("started_at", Millis.format(clock.instant()));
    load = new NodeLoad(loadEvery.toMillis(), Runtime.getRuntime().availableProcessors(), clock.millis(), cpuNanos());
    Facts.listen(vertx.eventBus(), Addresses.CLUSTER_NODE_LOAD, reported -> loads.put(reported.getString("node"), reported));
    loadTimer = vertx.setPeriodic(loadEvery.toMillis(), id -> reportLoad());
    return vertx.sharedData().<String, String>getAsyncMap(NODES_MAP)
        .compose(map -> {
          nodes = map;
          return map.put(node, info.encode());
        })
        .compose(v -> check())
        .onSuccess(v -> timer = vertx.setPeriodic(checkEvery.toMillis(), id -> check()));
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
    if (loadTimer >= 0) vertx.cancelTimer(loadTimer);
    return leadership.resign()
        .onSuccess(change -> change.ifPresent(this::announce))
        .transform(v -> nodes.remove(node))
        .otherwiseEmpty();
  }

  private Future<Void> check() {
    return leadership.check().onSuccess(change -> change.ifPresent(this::announce)).mapEmpty();
  }

  private void announce(Leadership.Change change) {
    Lease leader = change.leader();
    LeaderChanged fact = new LeaderChanged(stamps.next(), node, change.leads(), leader == null ? null : leader.node(),
        leader == null ? null : leader.since(), change.previous(), change.reason());
    LOG.info("{}", fact.view().message());
    Facts.publish(vertx.eventBus(), Addresses.CLUSTER_LEADER_CHANGED, fact);
  }

  /**
   * This node's load to every node (the stream shows it; {@code vigil.cluster.get} lists it per node). What runs and
   * how many tasks finished so far are asked of the engine at each report, not heard per settled batch: a listener on
   * {@code vigil.queue.tasks.finished} would wake this verticle's event loop for every batch of the submit path.
   */
  private void reportLoad() {
    countNodes();
    Commands.request(vertx.eventBus(), Addresses.QUEUE_HEALTH, new JsonObject(),
            new DeliveryOptions().setSendTimeout(loadEvery.toMillis() / 2))
        .map(reply -> reply.body()).otherwise(new JsonObject()) // no answer: running and finished unknown (null)
        .onSuccess(health -> Facts.publish(vertx.eventBus(), Addresses.CLUSTER_NODE_LOAD, load.sample(node,
            clock.instant(), cpuNanos(), health.getInteger("running"), health.getLong("finished"))));
  }

  /** Tells this node's engines how many Vigil nodes there are, when that changed (a node joined, or left). */
  private void countNodes() {
    int now = vigilNodes(loads.keySet(), members.get(), node);
    if (now == counted) return;
    counted = now;
    Facts.publish(vertx.eventBus(), Addresses.CLUSTER_NODES_COUNTED, new JsonObject().put("nodes", now));
  }

  /** This node and every live member whose load reports it heard: the Vigil nodes (a worker reports none). */
  static int vigilNodes(Set<String> reported, List<String> live, String self) {
    int n = 1;
    for (String id : live) if (!id.equals(self) && reported.contains(id)) n++;
    return n;
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private Future<JsonObject> view() {
    List<String> live = members.get();
    loads.keySet().retainAll(live);
    return nodes.entries().otherwise(Map.of()).map(known -> {
      String leader = leadership.leader().map(Lease::node).orElse(null);
      JsonArray list = new JsonArray();
      for (String id : live) {
        String text = known.get(id);
        JsonObject entry = text == null ? new JsonObject() : new JsonObject(text);
        list.add(new JsonObject().put("node", id).put("self", id.equals(node)).put("leader", id.equals(leader))
            .mergeIn(entry).put("load", loads.get(id)));
      }
      JsonObject lead = leadership.leader()
          .map(l -> new JsonObject().put("node", l.node()).put("since", Millis.format(l.since()))).orElse(null);
      return new JsonObject().put("node", node).put("clustered", clustered).put("leads", leadership.leads())
          .put("leader", lead).put("nodes", list);
    });
  }
}
