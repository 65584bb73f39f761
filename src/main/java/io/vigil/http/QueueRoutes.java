package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.HttpConfig;
import io.vigil.domain.Role;

import java.util.List;

/** {@code /api/queues}: statistics (also per group), pause and resume, dead letters. Every action records its actor and reason. */
final class QueueRoutes {
  private final BusClient bus;
  private final HttpConfig config;

  QueueRoutes(BusClient bus, HttpConfig config) {
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    router.get("/api/queues").handler(Auth.require(Role.VIEWER)).handler(ctx -> forward(ctx, Addresses.QUEUES_LIST, new JsonObject()));
    router.get("/api/queues/:queue").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> forward(ctx, Addresses.QUEUES_GET, queue(ctx)));
    router.post("/api/queues/:queue/pause").handler(Auth.require(Role.OPERATOR))
        .handler(ctx -> forward(ctx, Addresses.QUEUES_PAUSE, action(ctx)));
    router.post("/api/queues/:queue/resume").handler(Auth.require(Role.OPERATOR))
        .handler(ctx -> forward(ctx, Addresses.QUEUES_RESUME, action(ctx)));
    router.get("/api/queues/:queue/groups").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      int limit = params.integer("limit", 20, 1, config.listMax());
      params.check();
      forward(ctx, Addresses.QUEUES_GROUPS, queue(ctx).put("limit", limit));
    });
    router.get("/api/queues/:queue/dead-letters").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      int limit = params.integer("limit", 100, 1, config.listMax());
      params.check();
      forward(ctx, Addresses.DEAD_LETTERS_LIST, queue(ctx).put("limit", limit));
    });
    router.post("/api/queues/:queue/dead-letters/replay").handler(Auth.require(Role.OPERATOR)).handler(ctx -> {
      JsonObject command = action(ctx);
      JsonObject body = JsonBodies.optional(ctx);
      Object ids = body == null ? null : body.getValue("ids");
      if (ids != null && !(ids instanceof JsonArray array && array.stream().allMatch(String.class::isInstance))) {
        throw Failure.invalid(List.of(new FieldError("ids", "must be an array of task ids (omit it to replay all)")))
            .asException();
      }
      forward(ctx, Addresses.DEAD_LETTERS_REPLAY, command.put("ids", ids == null ? new JsonArray() : ids));
    });
    router.delete("/api/queues/:queue/dead-letters").handler(Auth.require(Role.OPERATOR))
        .handler(ctx -> forward(ctx, Addresses.DEAD_LETTERS_PURGE, action(ctx)));
  }

  private void forward(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    bus.request(ctx, address, body).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonObject queue(RoutingContext ctx) {
    return new JsonObject().put("queue", ctx.pathParam("queue"));
  }

  /** An operator action: the queue, the actor, and the reason from the body or {@code ?reason=}. */
  private static JsonObject action(RoutingContext ctx) {
    JsonObject body = JsonBodies.optional(ctx);
    Object reason = body == null ? ctx.request().getParam("reason") : body.getValue("reason");
    if (reason != null && !(reason instanceof String)) {
      throw Failure.invalid(List.of(new FieldError("reason", "must be a string"))).asException();
    }
    return queue(ctx).put("actor", Auth.actor(ctx)).put("reason", reason);
  }
}
