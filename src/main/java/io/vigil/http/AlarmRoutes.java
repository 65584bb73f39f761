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
import java.util.Set;

/**
 * {@code /api/alarms}: the leader's alarms (any node's API reaches the leader's engine; 503 + Retry-After while none
 * runs it). Viewers read; operators acknowledge and resolve, with an optional comment that goes on the timeline.
 */
final class AlarmRoutes {
  static final int MAX_COMMENT = 1000;
  private static final Set<String> STATES = Set.of("pending", "firing", "acknowledged", "resolved", "open");
  private static final List<String> SEVERITIES = List.of("info", "warning", "critical");

  private final BusClient bus;
  private final HttpConfig config;

  AlarmRoutes(BusClient bus, HttpConfig config) {
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    router.get("/api/alarms").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      JsonArray states = new JsonArray();
      String state = params.text("state");
      if (state != null) {
        for (String s : state.split(",")) {
          String wanted = s.trim();
          if (!STATES.contains(wanted)) params.invalid("state", "'" + wanted + "' is not one of " + STATES);
          else if (wanted.equals("open")) states.add("pending").add("firing").add("acknowledged");
          else states.add(wanted);
        }
      }
      String severity = params.oneOf("severity", SEVERITIES);
      String rule = params.text("rule");
      int limit = params.integer("limit", 100, 1, config.listMax());
      params.check();
      forward(ctx, Addresses.ALARMS_LIST, new JsonObject().put("states", states).put("severity", severity)
          .put("rule", rule).put("limit", limit));
    });
    router.get("/api/alarms/:id").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      int limit = params.integer("limit", 1000, 1, 10_000);
      params.check();
      forward(ctx, Addresses.ALARMS_GET, new JsonObject().put("id", ctx.pathParam("id")).put("limit", limit));
    });
    router.post("/api/alarms/:id/ack").handler(Auth.require(Role.OPERATOR))
        .handler(ctx -> forward(ctx, Addresses.ALARMS_ACK, action(ctx)));
    router.post("/api/alarms/:id/resolve").handler(Auth.require(Role.OPERATOR))
        .handler(ctx -> forward(ctx, Addresses.ALARMS_RESOLVE, action(ctx)));
  }

  private void forward(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    bus.requestScoped(ctx, address, body).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The alarm, the caller as actor, and the comment from the body (optional, at most 1000 characters). */
  private static JsonObject action(RoutingContext ctx) {
    JsonObject body = JsonBodies.optional(ctx);
    Object comment = body == null ? null : body.getValue("comment");
    if (comment != null && (!(comment instanceof String c) || c.length() > MAX_COMMENT)) {
      throw Failure.invalid(List.of(new FieldError("comment", "a text of at most " + MAX_COMMENT + " characters")))
          .asException();
    }
    return new JsonObject().put("id", ctx.pathParam("id")).put("actor", Auth.actor(ctx))
        .put("comment", comment == null ? "" : comment);
  }
}
