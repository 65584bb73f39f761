package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.bus.Addresses;
import io.vigil.config.HttpConfig;
import io.vigil.domain.Role;

/**
 * {@code /api/silences}: silenced alarms still evaluate and show, they notify nobody (but a notified alarm's resolve
 * still goes out). Viewers list; operators create (matchers, start, end or duration, comment) and end them.
 */
final class SilenceRoutes {
  private final BusClient bus;
  private final HttpConfig config;

  SilenceRoutes(BusClient bus, HttpConfig config) {
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    router.get("/api/silences").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      String state = params.oneOf("state", java.util.List.of("live", "all"));
      int limit = params.integer("limit", 100, 1, config.listMax());
      params.check();
      bus.requestScoped(ctx, Addresses.SILENCES_LIST, new JsonObject().put("all", "all".equals(state))
          .put("limit", limit)).onSuccess(ctx::json).onFailure(ctx::fail);
    });
    router.post("/api/silences").handler(Auth.require(Role.OPERATOR)).handler(ctx -> {
      JsonObject body = JsonBodies.required(ctx).copy().put("actor", Auth.actor(ctx));
      bus.requestScoped(ctx, Addresses.SILENCES_CREATE, body)
          .onSuccess(created -> ctx.response().setStatusCode(201).putHeader("Location",
              "/api/silences/" + created.getString("id")))
          .onSuccess(ctx::json).onFailure(ctx::fail);
    });
    router.delete("/api/silences/:id").handler(Auth.require(Role.OPERATOR))
        .handler(ctx -> bus.requestScoped(ctx, Addresses.SILENCES_EXPIRE, new JsonObject()
            .put("id", ctx.pathParam("id")).put("actor", Auth.actor(ctx))).onSuccess(ctx::json).onFailure(ctx::fail));
  }
}
