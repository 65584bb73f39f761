package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.bus.Addresses;
import io.vigil.domain.Role;

/**
 * {@code /api/schedules}: recurring tasks, answered by the leader's scheduler. Viewers list and read them (with their
 * next run times); operators create or replace (POST, by id) and delete those made over the API. A schedule from the
 * configuration file is changed in the file (409 here).
 */
final class ScheduleRoutes {
  private final BusClient bus;

  ScheduleRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router) {
    router.get("/api/schedules").handler(Auth.require(Role.VIEWER)).handler(ctx ->
        bus.requestScoped(ctx, Addresses.SCHEDULES_LIST, new JsonObject()).onSuccess(ctx::json).onFailure(ctx::fail));
    router.get("/api/schedules/:id").handler(Auth.require(Role.VIEWER)).handler(ctx ->
        bus.requestScoped(ctx, Addresses.SCHEDULES_GET, new JsonObject().put("id", ctx.pathParam("id")))
            .onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/schedules").handler(Auth.require(Role.OPERATOR)).handler(ctx -> {
      JsonObject body = JsonBodies.required(ctx);
      bus.requestScoped(ctx, Addresses.SCHEDULES_SAVE, new JsonObject().put("schedule", body)
              .put("actor", Auth.actor(ctx)))
          .onSuccess(saved -> {
            JsonObject schedule = saved.getJsonObject("schedule");
            ctx.response().setStatusCode(saved.getBoolean("replaced", false) ? 200 : 201)
                .putHeader("Location", "/api/schedules/" + schedule.getString("id"));
            ctx.json(schedule);
          })
          .onFailure(ctx::fail);
    });
    router.delete("/api/schedules/:id").handler(Auth.require(Role.OPERATOR)).handler(ctx ->
        bus.requestScoped(ctx, Addresses.SCHEDULES_DELETE, new JsonObject().put("id", ctx.pathParam("id"))
            .put("actor", Auth.actor(ctx))).onSuccess(ctx::json).onFailure(ctx::fail));
  }
}
