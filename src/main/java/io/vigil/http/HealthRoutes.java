package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: Vigil can take work now — the queue accepts
 * (not stopped, backend reachable or the inline fallback in force) and the store writes or buffers. A component
 * that serves in a reduced way is UP with {@code state: DEGRADED}, so a load balancer keeps routing to it.
 */
final class HealthRoutes {
  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final Vertx vertx;

  HealthRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router router) {
    HealthChecks live = HealthChecks.create(vertx);
    live.register("process", CHECK_TIMEOUT_MS, promise -> promise.complete(Status.OK()));
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(live));

    HealthChecks ready = HealthChecks.create(vertx);
    ready.register("queue", CHECK_TIMEOUT_MS, this::queue);
    ready.register("store", CHECK_TIMEOUT_MS, this::store);
    router.get("/health/ready*").handler(HealthCheckHandler.createWithHealthChecks(ready));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(ready));
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
