package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.bus.Addresses;
import io.vigil.domain.Role;

/** {@code /api/breakers}: this node's circuit breakers, asked of the node's breaker registry over the bus. */
final class BreakerRoutes {
  private final BusClient bus;

  BreakerRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/breakers").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> bus.request(ctx, Addresses.BREAKERS_LIST, new JsonObject()).onSuccess(ctx::json)
            .onFailure(ctx::fail));
  }
}
