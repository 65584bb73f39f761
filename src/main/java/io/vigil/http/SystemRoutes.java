package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.domain.Role;
import io.vigil.domain.SystemMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code /api/system}: the mode (kill switch). Every change needs an admin token and a reason, and is audited. */
final class SystemRoutes {
  static final int MAX_REASON = 1000;
  private static final List<String> MODES = Arrays.stream(SystemMode.values()).map(SystemMode::wireName).toList();

  private final BusClient bus;

  SystemRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/system/mode").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> forward(ctx, new JsonObject(), Addresses.SYSTEM_MODE_GET));
    router.put("/api/system/mode").handler(Auth.require(Role.ADMIN)).handler(ctx -> {
      JsonObject body = JsonBodies.required(ctx);
      change(ctx, body, body.getValue("mode"));
    });
    router.post("/api/system/stop").handler(Auth.require(Role.ADMIN))
        .handler(ctx -> change(ctx, JsonBodies.required(ctx), SystemMode.STOPPED.wireName()));
    router.post("/api/system/resume").handler(Auth.require(Role.ADMIN)).handler(ctx -> {
      JsonObject body = JsonBodies.required(ctx);
      Object mode = body.getValue("mode", SystemMode.ASYNC_QUEUE.wireName());
      change(ctx, body, mode);
    });
  }

  private void change(RoutingContext ctx, JsonObject body, Object mode) {
    List<FieldError> errors = new ArrayList<>();
    if (!(mode instanceof String m) || !MODES.contains(m)) {
      errors.add(new FieldError("mode", "must be one of " + MODES));
    }
    Object reason = body.getValue("reason");
    if (!(reason instanceof String r) || r.isBlank() || r.length() > MAX_REASON) {
      errors.add(new FieldError("reason", "say why, in 1 to " + MAX_REASON + " characters; it goes into the audit log"));
    }
    if (!errors.isEmpty()) throw Failure.invalid(errors).asException();
    JsonObject command = new JsonObject().put("mode", mode).put("reason", reason).put("actor", Auth.actor(ctx));
    forward(ctx, command, Addresses.SYSTEM_MODE_SET);
  }

  private void forward(RoutingContext ctx, JsonObject body, Address<JsonObject> address) {
    bus.request(ctx, address, body).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
