package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Addresses;
import io.vigil.domain.Role;

import java.util.List;

/**
 * {@code /api/config}: the configuration this node runs and reloading it. Admin only: the settings name internal
 * hosts (secrets are masked by the ConfigVerticle that answers). A reload is asked of this node's ConfigVerticle
 * over the bus; with {@code scope=cluster} (the default) every other node then re-reads its own file too.
 */
final class ConfigRoutes {
  private final BusClient bus;

  ConfigRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/config").handler(Auth.require(Role.ADMIN))
        .handler(ctx -> bus.request(ctx, Addresses.CONFIG_GET, new JsonObject()).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/config/reload").handler(Auth.require(Role.ADMIN)).handler(this::reload);
  }

  private void reload(RoutingContext ctx) {
    Params params = new Params(ctx);
    String scope = params.oneOf("scope", List.of("cluster", "node"));
    params.check();
    JsonObject command = new JsonObject().put("actor", Auth.actor(ctx)).put("everywhere", !"node".equals(scope));
    bus.request(ctx, Addresses.CONFIG_RELOAD, command).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
