package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.bus.Addresses;
import io.vigil.bus.Failure;
import io.vigil.config.BreakersConfig;
import io.vigil.domain.Role;

import java.util.List;

/**
 * {@code /api/breakers}: this node's circuit breakers, asked of the node's breaker registry over the bus; and the
 * admin's {@code POST /api/breakers/{name}/open|close|reset} (forced open, forced closed — both held until reset — and
 * reset: closed with an empty window). Each change is a {@code breaker.state.changed} fact naming the admin, so it is
 * audited; with shared state every node follows.
 */
final class BreakerRoutes {
  static final List<String> ACTIONS = List.of("open", "close", "reset");

  private final BusClient bus;

  BreakerRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/breakers").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> bus.request(ctx, Addresses.BREAKERS_LIST, new JsonObject()).onSuccess(ctx::json)
            .onFailure(ctx::fail));
    for (String action : ACTIONS) {
      router.post("/api/breakers/:name/" + action).handler(Auth.require(Role.ADMIN)).handler(ctx -> {
        String name = ctx.pathParam("name");
        if (name == null || !name.matches(BreakersConfig.NAME_PATTERN)) {
          throw Failure.notFound("circuit breaker").asException();
        }
        JsonObject command = new JsonObject().put("name", name).put("action", action).put("actor", Auth.actor(ctx));
        bus.request(ctx, Addresses.BREAKERS_CONTROL, command).onSuccess(ctx::json).onFailure(ctx::fail);
      });
    }
  }
}
