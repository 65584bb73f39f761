package io.vigil.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.LocalCodec;
import io.vigil.config.ConfigApplied;
import io.vigil.config.ControlSlice;
import io.vigil.config.HttpSlice;
import io.vigil.config.LoadedConfig;
import io.vigil.config.QueueSlice;
import io.vigil.config.RunningConfig;
import io.vigil.config.StoreSlice;
import io.vigil.config.VigilConfig;
import io.vigil.control.ConfigVerticle;
import io.vigil.control.ControlVerticle;
import io.vigil.http.HttpVerticle;
import io.vigil.http.StreamVerticle;
import io.vigil.kit.BreakerVerticle;
import io.vigil.queue.QueueVerticle;
import io.vigil.store.StoreUnavailableException;
import io.vigil.store.StoreVerticle;
import io.vigil.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One running Vigil node: a Vertx instance with every verticle deployed in dependency order, and undeployed in
 * the reverse order on close (HTTP stops taking requests first; the queue gets its grace period; the store flushes
 * last).
 */
public final class Vigil {
  private static final Logger LOG = LoggerFactory.getLogger(Vigil.class);

  private final Vertx vertx;
  private final RunningConfig config;
  private final Stores store;
  private final List<String> deployments;

  private Vigil(Vertx vertx, RunningConfig config, Stores store, List<String> deployments) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.deployments = deployments;
  }

  /** A node from a configuration object (benchmarks): it runs, but has no file to reload. */
  public static Future<Vigil> start(VigilConfig config, Clock clock) {
    return start(LoadedConfig.of(config), clock);
  }

  /** A node from a loaded configuration, which it watches and reloads when it came from a file. */
  public static Future<Vigil> start(LoadedConfig loaded, Clock clock) {
    VigilConfig config = loaded.config();
    RunningConfig running = new RunningConfig(loaded);
    return createVertx(config).compose(vertx -> {
      BusCodecs.register(vertx.eventBus());
      vertx.eventBus().registerDefaultCodec(ConfigApplied.class, new LocalCodec<>(ConfigApplied.class));
      List<String> ids = new ArrayList<>();
      Stores store = Stores.create(vertx, config.pg(), config.store());
      // the store verticle first: it must hear every fact the others publish, and it leaves last
      return migrate(store)
          .compose(v -> deploy(vertx, ids, () -> new StoreVerticle(store, StoreSlice.of(config), clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new ControlVerticle(ControlSlice.of(config), store.config(), clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new ConfigVerticle(running, clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new BreakerVerticle(config.breakers(), clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new QueueVerticle(QueueSlice.of(config), clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new StreamVerticle(config.stream(), clock), 1))
          .compose(v -> deploy(vertx, ids, () -> new HttpVerticle(HttpSlice.of(config)), httpInstances(config)))
          .map(v -> new Vigil(vertx, running, store, ids))
          .onSuccess(vigil -> LOG.info("Vigil listening on http://{}:{} (queue: {}, store: {}, auth: {})",
              config.http().host(), config.http().port(), config.redis().enabled() ? "redis" : "memory",
              config.pg().enabled() ? "postgresql" : "memory",
              config.auth().enabled() ? config.auth().tokens().size() + " token(s)" : "none, loopback only"))
          .recover(error -> store.close().transform(s -> vertx.close()).transform(closed -> Future.failedFuture(error)));
    });
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
    return vertx;
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

  private static Future<Void> deploy(Vertx vertx, List<String> ids, java.util.function.Supplier<io.vertx.core.Deployable> verticle,
                                     int instances) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances)
            .setThreadingModel(ThreadingModel.EVENT_LOOP))
        .onSuccess(ids::add)
        .mapEmpty();
  }

  private static Future<Vertx> createVertx(VigilConfig config) {
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
    VertxBuilder builder = Vertx.builder().with(options);
    if (config.clusterEnabled()) {
      return builder.withClusterManager(new HazelcastClusterManager()).buildClustered();
    }
    return Future.succeededFuture(builder.build());
  }
}
