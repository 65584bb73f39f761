package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.bus.Addresses;
import io.vigil.domain.Role;

/**
 * {@code /api/rules}: the rules the leader's engine runs (built-in ones as tuned, then the configured ones) and its
 * routes; {@code POST /api/rules/test} evaluates a rule written as in the configuration (or the name of a configured
 * one, with keys to change) against the current values, without opening, firing or sending anything.
 */
final class RuleRoutes {
  private final BusClient bus;

  RuleRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/rules").handler(Auth.require(Role.VIEWER)).handler(ctx ->
        bus.requestScoped(ctx, Addresses.RULES_LIST, new JsonObject()).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/rules/test").handler(Auth.require(Role.VIEWER)).handler(ctx ->
        bus.requestScoped(ctx, Addresses.RULES_TEST, JsonBodies.required(ctx)).onSuccess(ctx::json)
            .onFailure(ctx::fail));
  }
}
