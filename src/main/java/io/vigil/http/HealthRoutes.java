package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.domain.Millis;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.status.ComponentHealth;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /health/live}: the process answers (nothing else: never Redis or PostgreSQL). {@code /health/ready}: Vigil
 * can take work now — the queue accepts (not stopped, backend reachable or the inline fallback in force), the store
 * writes or buffers, and no critical component is UNHEALTHY. {@code /health}: readiness plus every component, one
 * check each under {@code components/<id>} (readiness counts only the critical ones: {@code critical-components}). Something that serves in a reduced way (a degraded component, a store
 * buffering) is UP with {@code state: DEGRADED}, so a load balancer keeps routing to it; a component whose state is not
 * known (no node runs the probes yet) is UP with {@code state: UNKNOWN}.
 */
final class HealthRoutes {
  private static final long CHECK_TIMEOUT_MS = 2_000;
  private static final String COMPONENT_PREFIX = "components/";

  private final Vertx vertx;
  private final StatusQuery status;
  /** The components of the last {@code /health} call, which the per-component checks answer from. */
  private final Map<String, ComponentHealth> latest = new ConcurrentHashMap<>();
  private final Set<String> registered = new HashSet<>();

  HealthRoutes(Vertx vertx, StatusQuery status) {
    this.vertx = vertx;
    this.status = status;
  }

  void mount(Router router) {
    HealthChecks live = HealthChecks.create(vertx);
    live.register("process", CHECK_TIMEOUT_MS, promise -> promise.complete(Status.OK()));
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(live));

    HealthChecks ready = readiness();
    router.get("/health/ready*").handler(HealthCheckHandler.createWithHealthChecks(ready));

    HealthChecks all = readiness();
    router.get("/health").handler(ctx -> syncComponents(all, ctx)).handler(HealthCheckHandler.createWithHealthChecks(all));
  }

  private HealthChecks readiness() {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("queue", CHECK_TIMEOUT_MS, this::queue);
    checks.register("store", CHECK_TIMEOUT_MS, this::store);
    checks.register("critical-components", CHECK_TIMEOUT_MS, this::criticalComponents);
    return checks;
  }

  /** DOWN when a critical component is UNHEALTHY; DEGRADED when one is degraded or unknown. */
  private void criticalComponents(Promise<Status> promise) {
    status.components().onComplete(done -> {
      StatusQuery.Components components = done.result();
      if (components.unavailable() != null) {
        promise.complete(Status.OK(new JsonObject().put("state", "UNKNOWN").put("reason", components.unavailable())));
        return;
      }
      List<ComponentHealth> critical = components.all().stream().filter(ComponentHealth::critical).toList();
      JsonArray down = ids(critical, HealthStatus.UNHEALTHY);
      JsonArray impaired = ids(critical, HealthStatus.DEGRADED).addAll(ids(critical, HealthStatus.UNKNOWN));
      JsonObject data = new JsonObject().put("critical", critical.size()).put("down", down).put("impaired", impaired)
          .put("state", !down.isEmpty() ? "DOWN" : !impaired.isEmpty() ? "DEGRADED" : "UP");
      promise.complete(down.isEmpty() ? Status.OK(data) : Status.KO(data));
    });
  }

  private static JsonArray ids(List<ComponentHealth> components, HealthStatus status) {
    JsonArray ids = new JsonArray();
    components.stream().filter(c -> c.status() == status).forEach(c -> ids.add(c.id()));
    return ids;
  }

  /** Registers one check per component (and unregisters removed ones) before {@code /health} runs them. */
  private void syncComponents(HealthChecks checks, RoutingContext ctx) {
    status.components().onComplete(done -> {
      List<ComponentHealth> components = done.result().all();
      latest.clear();
      components.forEach(c -> latest.put(c.id(), c));
      for (String id : Set.copyOf(registered)) {
        if (!latest.containsKey(id)) {
          checks.unregister(COMPONENT_PREFIX + id);
          registered.remove(id);
        }
      }
      for (ComponentHealth component : components) {
        if (registered.add(component.id())) {
          checks.register(COMPONENT_PREFIX + component.id(), CHECK_TIMEOUT_MS, component(component.id()));
        }
      }
      ctx.next();
    });
  }

  private Handler<Promise<Status>> component(String id) {
    return promise -> {
      ComponentHealth c = latest.get(id);
      if (c == null) {
        promise.complete(Status.OK(new JsonObject().put("state", "UNKNOWN")));
        return;
      }
      JsonObject data = new JsonObject().put("state", c.status().name()).put("critical", c.critical())
          .put("since", Millis.format(c.since()));
      if (c.lastError() != null && c.status() != HealthStatus.HEALTHY) data.put("error", c.lastError());
      promise.complete(c.status() == HealthStatus.UNHEALTHY ? Status.KO(data) : Status.OK(data));
    };
  }

  private void queue(Promise<Status> promise) {
    ask(Addresses.QUEUE_HEALTH).onComplete(done -> {
      if (done.failed()) {
        promise.complete(Status.KO(new JsonObject().put("error", "the queue engine does not answer")));
        return;
      }
      JsonObject health = done.result();
      boolean up = health.getBoolean("up", false);
      boolean accepting = health.getBoolean("accepting", false);
      JsonObject data = health.copy().put("state", !accepting ? "DOWN" : up ? "UP" : "DEGRADED");
      promise.complete(accepting ? Status.OK(data) : Status.KO(data));
    });
  }

  private void store(Promise<Status> promise) {
    ask(Addresses.STORE_HEALTH).onComplete(done -> {
      if (done.failed()) {
        boolean absent = done.cause() instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
        JsonObject data = new JsonObject().put("state", absent ? "ABSENT" : "DOWN");
        promise.complete(absent ? Status.OK(data) : Status.KO(data));
        return;
      }
      JsonObject health = done.result();
      promise.complete(Status.OK(health.copy().put("state", health.getBoolean("up", false) ? "UP" : "DEGRADED")));
    });
  }

  /** This node's verticles only: a node's readiness is its own state, never a peer's. */
  private Future<JsonObject> ask(Address<JsonObject> address) {
    return Commands.request(vertx.eventBus(), address, new JsonObject(),
        new DeliveryOptions().setSendTimeout(CHECK_TIMEOUT_MS - 200)).map(m -> m.body());
  }
}
