package io.vigil.app;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vigil.alarm.AlarmStream;
import io.vigil.alarm.AlarmVerticle;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.ClusterView;
import io.vigil.bus.StreamRegistry;
import io.vigil.cluster.ClusterStream;
import io.vigil.cluster.ClusterVerticle;
import io.vigil.cluster.HazelcastCluster;
import io.vigil.cluster.LeaseLeadership;
import io.vigil.cluster.Leadership;
import io.vigil.cluster.SharedDataLeaseStore;
import io.vigil.cluster.SoloLeadership;
import io.vigil.config.AlarmSlice;
import io.vigil.config.ControlSlice;
import io.vigil.config.HttpSlice;
import io.vigil.config.LoadedConfig;
import io.vigil.config.NotifySlice;
import io.vigil.config.ProbeSlice;
import io.vigil.config.QueueSlice;
import io.vigil.config.RecoverySlice;
import io.vigil.config.RunningConfig;
import io.vigil.config.StoreSlice;
import io.vigil.config.VigilConfig;
import io.vigil.control.ConfigStream;
import io.vigil.control.ConfigVerticle;
import io.vigil.control.ControlStream;
import io.vigil.control.ControlVerticle;
import io.vigil.http.HttpVerticle;
import io.vigil.http.StreamVerticle;
import io.vigil.kit.BreakerStream;
import io.vigil.kit.BreakerVerticle;
import io.vigil.notify.NotifyStream;
import io.vigil.notify.NotifyVerticle;
import io.vigil.notify.ResendVerticle;
import io.vigil.observe.MetricsVerticle;
import io.vigil.probe.ProbeStream;
import io.vigil.probe.ProbeVerticle;
import io.vigil.queue.QueueStream;
import io.vigil.queue.QueueVerticle;
import io.vigil.recovery.RecoveryStream;
import io.vigil.recovery.RecoveryVerticle;
import io.vigil.store.StoreStream;
import io.vigil.store.StoreUnavailableException;
import io.vigil.store.StoreVerticle;
import io.vigil.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One running Vigil node: a Vertx instance with every verticle deployed in dependency order, and undeployed in
 * the reverse order on close (HTTP stops taking requests first; the lead is handed over; the queue gets its grace
 * period; the store flushes last). Leader-only verticles run under {@link LeaderOnlyVerticle}: deployed while this
 * node leads, undeployed when it stops leading.
 */
public final class Vigil {
  private static final Logger LOG = LoggerFactory.getLogger(Vigil.class);

  /** What the live stream shows: each capability declares its part. */
  private static final StreamRegistry STREAMED = StreamRegistry.merge(QueueStream.registry(), ControlStream.registry(),
      ConfigStream.registry(), StoreStream.registry(), ClusterStream.registry(), BreakerStream.registry(),
      ProbeStream.registry(), AlarmStream.registry(), NotifyStream.registry(), RecoveryStream.registry());

  /** A Vertx instance with this node's id and a view of the cluster's members. */
  private record Node(Vertx vertx, String id, boolean clustered, Supplier<List<String>> members) {}

  private final Node node;
  private final RunningConfig config;
  private final Stores store;
  private final List<String> deployments;

  private Vigil(Node node, RunningConfig config, Stores store, List<String> deployments) {
    this.node = node;
    this.config = config;
    this.store = store;
    this.deployments = deployments;
  }

  /** A node from a configuration object (benchmarks): it runs, but has no file to reload. */
  public static Future<Vigil> start(VigilConfig config, Clock clock) {
    return start(LoadedConfig.of(config), clock, List.of());
  }

  /** A node from a loaded configuration, which it watches and reloads when it came from a file. */
  public static Future<Vigil> start(LoadedConfig loaded, Clock clock) {
    return start(loaded, clock, List.of());
  }

  /**
   * @param source     read to the millisecond: every time Vigil records or shows has that one precision (issue 12)
   * @param leaderOnly verticles that run on the leading node only (probes, alarms, recovery, schedules)
   */
  public static Future<Vigil> start(LoadedConfig loaded, Clock source, List<Supplier<? extends Deployable>> leaderOnly) {
    Clock clock = Clock.tick(source, Duration.ofMillis(1));
    VigilConfig config = loaded.config();
    RunningConfig running = new RunningConfig(loaded);
    return createNode(config).compose(node -> {
      Vertx vertx = node.vertx();
      BusCodecs.register(vertx.eventBus());
      List<String> ids = new ArrayList<>();
      Stores store = Stores.create(vertx, config.pg(), config.store());
      // the store verticle first: it must hear every fact the others publish, and it leaves last
      return migrate(store)
          .compose(v -> deploy(vertx, ids, () -> new StoreVerticle(store, StoreSlice.of(config), clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new ControlVerticle(ControlSlice.of(config), store.config(), clock,
              node.id()), 1))
          .compose(v -> deploy(vertx, ids, () -> new ConfigVerticle(running, clock, node.id()), 1))
          .compose(v -> deploy(vertx, ids, () -> new BreakerVerticle(config.breakers(), config.redis(), clock, node.id()), 1))
          .compose(v -> deploy(vertx, ids, () -> new QueueVerticle(QueueSlice.of(config), clock), 1))
          // every node delivers from the outbox; the engine that fills it runs on the leader only (below)
          .compose(v -> deploy(vertx, ids, () -> new NotifyVerticle(NotifySlice.of(config), store, clock, node.id()), 1))
          .compose(v -> deploy(vertx, ids, () -> new StreamVerticle(config.stream(), clock, STREAMED), 1))
          .compose(v -> deploy(vertx, ids, MetricsVerticle::new, 1))
          // leadership after the engine, so leader-only work finds it running (the probes ask the queue engine);
          // before HTTP, which leaves first
          .compose(v -> deploy(vertx, ids, () -> new LeaderOnlyVerticle(node.id(),
              leaderOnly(running, store, clock, node.id(), leaderOnly)), 1))
          .compose(v -> deploy(vertx, ids, () -> clusterVerticle(node, config, clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new HttpVerticle(HttpSlice.of(config)), httpInstances(config)))
          .map(v -> new Vigil(node, running, store, ids))
          .onSuccess(vigil -> LOG.info("Vigil listening on http://{}:{} (queue: {}, store: {}, auth: {})",
              config.http().host(), config.http().port(), config.redis().enabled() ? "redis" : "memory",
              config.pg().enabled() ? "postgresql" : "memory",
              config.auth().enabled() ? config.auth().tokens().size() + " token(s)" : "none, loopback only"))
          .recover(error -> store.close().transform(s -> vertx.close()).transform(closed -> Future.failedFuture(error)));
    });
  }

  /**
   * Vigil's own leader-only verticles — the alarm engine first, so it hears the probes' first facts; then the
   * probes and the Alertmanager re-sender — then the caller's (tests). Each is built when the node becomes leader,
   * from the configuration it runs then (a reload may have changed it since the start).
   */
  private static List<Supplier<? extends Deployable>> leaderOnly(RunningConfig running, Stores store, Clock clock,
                                                                 String node,
                                                                 List<Supplier<? extends Deployable>> more) {
    List<Supplier<? extends Deployable>> all = new ArrayList<>();
    all.add(() -> new AlarmVerticle(AlarmSlice.of(running.config()), store, clock, node));
    // before the probes, so it hears their first facts (a component that starts UNHEALTHY)
    all.add(() -> new RecoveryVerticle(RecoverySlice.of(running.config()), store, clock));
    all.add(() -> new ProbeVerticle(ProbeSlice.of(running.config()), store.rollups(), clock));
    all.add(() -> new ResendVerticle(NotifySlice.of(running.config()), store, clock, node));
    all.addAll(more);
    return all;
  }

  /**
   * Brings the store's schema up to date (Flyway runs on a worker thread). PostgreSQL being unreachable does not
   * stop the start: the writer buffers, and the store migrates before its first statement once PostgreSQL is back.
   * Any other migration failure (a bad or edited migration, wrong credentials) does.
   */
  private static Future<Void> migrate(Stores store) {
    return store.migrate().recover(error -> {
      if (StoreUnavailableException.is(error)) {
        LOG.warn("the {} store is unreachable at start; Vigil starts and buffers history until it answers: {}",
            store.name(), error.getMessage());
        return Future.succeededFuture();
      }
      return Future.failedFuture(new IllegalStateException("store migration failed: " + error.getMessage(), error));
    });
  }

  public Vertx vertx() {
    return node.vertx();
  }

  /** This node's id: the cluster node id when clustered. */
  public String node() {
    return node.id();
  }

  /** The configuration this node runs now (after any reload). */
  public VigilConfig config() {
    return config.config();
  }

  /** The stores every verticle of this node shares (the control verticle reads system config through them). */
  public Stores store() {
    return store;
  }

  /** Undeploys in reverse order, then closes Vert.x. */
  public Future<Void> close() {
    List<String> reversed = new ArrayList<>(deployments);
    Collections.reverse(reversed);
    Vertx vertx = node.vertx();
    Future<Void> chain = Future.succeededFuture();
    for (String id : reversed) {
      chain = chain.transform(v -> vertx.undeploy(id));
    }
    return chain.transform(v -> store.close()).transform(v -> vertx.close());
  }

  private static int httpInstances(VigilConfig config) {
    int configured = config.http().instances();
    return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  private static Future<Void> deploy(Vertx vertx, List<String> ids, Supplier<Deployable> verticle,
                                     int instances) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances)
            .setThreadingModel(ThreadingModel.EVENT_LOOP))
        .onSuccess(ids::add)
        .mapEmpty();
  }

  private static ClusterVerticle clusterVerticle(Node node, VigilConfig config, Clock clock) {
    Leadership leadership = node.clustered()
        ? new LeaseLeadership(node.id(), new SharedDataLeaseStore(node.vertx()), clock, config.cluster().lease(),
            id -> node.members().get().contains(id))
        : new SoloLeadership(node.id(), clock.instant());
    JsonObject info = new JsonObject().put("http", config.http().host() + ":" + config.http().port());
    return new ClusterVerticle(node.id(), node.clustered(), leadership, node.members(),
        config.cluster().lease().dividedBy(4), clock, info);
  }

  private static Future<Node> createNode(VigilConfig config) {
    VertxOptions options = new VertxOptions();
    if (config.metricsEnabled()) {
      // No event-bus or HTTP-server meters: vertx-micrometer looks up and tags several meters per message and per
      // request, and every API call is a request plus a bus round trip. HttpVerticle keeps its own request timer
      // (vigil_http_requests); client, pool and JVM meters stay.
      options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
          .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
          .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
          .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    }
    if (!config.clusterEnabled()) {
      String id = UUID.randomUUID().toString();
      return Future.succeededFuture(new Node(Vertx.builder().with(options).build(), id, false, () -> List.of(id)));
    }
    // the clustered event bus binds the cluster interface too, on a port of its own
    options.getEventBusOptions().setHost(config.cluster().host()).setPort(0);
    ClusterView view = new ClusterView();
    HazelcastClusterManager cluster = HazelcastCluster.clusterManager(config.cluster(), view);
    return Vertx.builder().with(options).withClusterManager(cluster).buildClustered()
        .onSuccess(vertx -> ClusterView.install(vertx, view))
        .map(vertx -> new Node(vertx, cluster.getNodeId(), true, cluster::getNodes));
  }
}
