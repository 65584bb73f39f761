package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.HttpConfig;
import io.vigil.domain.Role;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/recovery}: the leader's recovery (any node's API reaches it; 503 + Retry-After while no node leads).
 * Viewers read the attempts and the statistics; operators start a component's plan now (the run's
 * {@code recovery.run.started} fact names them and is audited).
 */
final class RecoveryRoutes {
  static final int MAX_REASON = 1000;
  private static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

  private final BusClient bus;
  private final HttpConfig config;

  RecoveryRoutes(BusClient bus, HttpConfig config) {
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    router.get("/api/recovery/attempts").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      String component = params.text("component");
      if (component != null && !component.matches(ID_PATTERN)) params.invalid("component", "a component id");
      String success = params.oneOf("success", List.of("true", "false"));
      int limit = params.integer("limit", 100, 1, config.listMax());
      params.check();
      forward(ctx, Addresses.RECOVERY_ATTEMPTS, new JsonObject().put("component", component)
          .put("success", success == null ? null : Boolean.valueOf(success)).put("limit", limit));
    });
    router.get("/api/recovery/stats").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      String since = params.text("since");
      if (since != null) {
        try {
          Instant.parse(since);
        } catch (DateTimeParseException e) {
          params.invalid("since", "an instant like 2026-01-01T00:00:00Z");
        }
      }
      params.check();
      forward(ctx, Addresses.RECOVERY_STATS, new JsonObject().put("since", since));
    });
    router.post("/api/recovery/:component").handler(Auth.require(Role.OPERATOR)).handler(ctx -> {
      String component = ctx.pathParam("component");
      if (!component.matches(ID_PATTERN)) {
        throw Failure.invalid(List.of(new FieldError("component", "a component id (" + ID_PATTERN + ")"))).asException();
      }
      JsonObject body = JsonBodies.optional(ctx);
      Object reason = body == null ? null : body.getValue("reason");
      if (reason != null && (!(reason instanceof String r) || r.length() > MAX_REASON)) {
        throw Failure.invalid(List.of(new FieldError("reason", "a text of at most " + MAX_REASON + " characters")))
            .asException();
      }
      bus.requestScoped(ctx, Addresses.RECOVERY_RUN, new JsonObject().put("component", component)
              .put("actor", Auth.actor(ctx)).put("reason", reason))
          .onSuccess(reply -> {
            ctx.response().setStatusCode(202);
            ctx.json(reply);
          })
          .onFailure(ctx::fail);
    });
  }

  private void forward(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    bus.requestScoped(ctx, address, body).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
