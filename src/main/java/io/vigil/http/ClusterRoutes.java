package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.bus.Addresses;
import io.vigil.domain.Role;

/** {@code GET /api/cluster}: the nodes, which one leads and since when, as this node sees it. */
final class ClusterRoutes {
  private final BusClient bus;

  ClusterRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/cluster").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> bus.request(ctx, Addresses.CLUSTER_GET, new JsonObject()).onSuccess(ctx::json).onFailure(ctx::fail));
  }
}
