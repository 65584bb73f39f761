package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vigil.config.HttpSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The REST API, the live stream, health, metrics, the API document and the dashboard. Thin: one routes class per
 * resource, every answer from the engine comes over the bus. Deployed once per core.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HttpSlice config;
  private HttpServer server;

  public HttpVerticle(HttpSlice config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Router router = router();
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(config.http().host()).setPort(config.http().port())
        .setCompressionSupported(true).setIdleTimeout(0));
    String address = config.http().host() + ":" + config.http().port();
    return server.requestHandler(RequestGuard.requireHost(router)).invalidRequestHandler(RequestGuard::invalid).listen()
        .onSuccess(s -> LOG.debug("HTTP listening on {}:{}", config.http().host(), s.actualPort()))
        .recover(e -> Future.failedFuture(new IllegalStateException("cannot listen on " + address + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e)));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  Router router() {
    Router router = Router.router(vertx);
    BusClient bus = new BusClient(vertx.eventBus(), config.http().requestTimeout());
    Auth auth = new Auth(config.auth());
    StatusQuery statusQuery = new StatusQuery(vertx.eventBus(), config.http().requestTimeout().toMillis(), Clock.systemUTC());
    boolean publicStatus = auth.enabled() && config.http().publicStatus(); // without tokens every caller is an admin
    StatusRoutes statusRoutes = new StatusRoutes(statusQuery, publicStatus);
    SessionRoutes session = new SessionRoutes(StreamTickets.of(vertx, config.auth().tokens(), config.stream().ticketTtl()),
        auth.enabled(), publicStatus ? List.of(StatusRoutes.STATUS) : List.of());

    router.route().handler(RequestIdHandler::handle);
    RequestMetrics metrics = new RequestMetrics();
    if (metrics.enabled()) router.route().handler(metrics::handle);
    router.route().handler(RequestGuard::wellFormedUri);
    new ApiDocRoutes().mount(router);
    session.mountBeforeAuth(router);
    statusRoutes.mountBeforeAuth(router);
    router.route("/api/*").handler(auth::authenticate);
    router.route("/api/*").handler(RequestGuard::jsonBodyOnly);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes()));
    new TaskRoutes(bus, config.http()).mount(router);
    new QueueRoutes(bus, config.http()).mount(router);
    new SystemRoutes(bus).mount(router);
    new ClusterRoutes(bus).mount(router);
    new BreakerRoutes(bus).mount(router);
    new ConfigRoutes(bus).mount(router);
    session.mount(router);
    new AlarmRoutes(bus, config.http()).mount(router);
    new RecoveryRoutes(bus, config.http()).mount(router);
    new SilenceRoutes(bus, config.http()).mount(router);
    new RuleRoutes(bus).mount(router);
    new NotificationRoutes(bus, config.http()).mount(router);
    new EventStreamRoutes(vertx, bus, config.stream()).mount(router);
    new EventRoutes(bus, config.http()).mount(router);
    new ComponentRoutes(bus).mount(router);
    statusRoutes.mount(router);
    new HealthRoutes(vertx, statusQuery).mount(router);
    if (config.metricsEnabled()) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
    }
    new WebRoutes(config.http()).mount(router);
    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {400, 404, 405, 413}) {
      router.errorHandler(status, Problems::handle);
    }
    return router;
  }
}
