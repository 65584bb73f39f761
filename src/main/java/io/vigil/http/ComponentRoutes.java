package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.domain.Role;

/**
 * {@code /api/components} and {@code /api/probes}: what the probes know, asked of the probe verticle on the leading
 * node over the bus (503 while no node leads). Running a probe now takes an operator.
 */
final class ComponentRoutes {
  private final BusClient bus;

  ComponentRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/components").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> forward(ctx, Addresses.COMPONENTS_LIST, new JsonObject()));
    router.get("/api/components/:id").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> forward(ctx, Addresses.COMPONENTS_GET, new JsonObject().put("id", ctx.pathParam("id"))));
    router.get("/api/components/:id/uptime").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> forward(ctx, Addresses.COMPONENTS_UPTIME, new JsonObject().put("id", ctx.pathParam("id"))
            .put("window", ctx.queryParams().get("window") == null ? "24h" : ctx.queryParams().get("window"))));
    router.post("/api/probes/run").handler(Auth.require(Role.OPERATOR))
        .handler(ctx -> forward(ctx, Addresses.PROBES_RUN, new JsonObject().put("actor", Auth.actor(ctx))));
    router.post("/api/probes/:id/run").handler(Auth.require(Role.OPERATOR)).handler(ctx ->
        bus.requestScoped(ctx, Addresses.PROBES_RUN, new JsonObject().put("id", ctx.pathParam("id")).put("actor", Auth.actor(ctx)))
            .onSuccess(reply -> ctx.json(reply.getJsonArray("results").getJsonObject(0)))
            .onFailure(ctx::fail));
    router.get("/api/probes/stats").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> forward(ctx, Addresses.PROBES_STATS, new JsonObject()));
  }

  private void forward(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    bus.requestScoped(ctx, address, body).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
