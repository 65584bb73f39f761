package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.bus.Addresses;
import io.vigil.config.HttpConfig;
import io.vigil.domain.Role;

import java.util.List;

/** {@code /api/notifications}: the outbox and the outcome of each message (newest first), by channel and status. */
final class NotificationRoutes {
  private static final List<String> STATUSES = List.of("pending", "sending", "sent", "failed", "dead");

  private final BusClient bus;
  private final HttpConfig config;

  NotificationRoutes(BusClient bus, HttpConfig config) {
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    router.get("/api/notifications").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      Params params = new Params(ctx);
      String status = params.oneOf("status", STATUSES);
      String channel = params.text("channel");
      String alarm = params.text("alarm");
      int limit = params.integer("limit", 100, 1, config.listMax());
      params.check();
      bus.request(ctx, Addresses.NOTIFICATIONS_LIST, new JsonObject().put("channel", channel).put("status", status)
          .put("alarm", alarm).put("limit", limit)).onSuccess(ctx::json).onFailure(ctx::fail);
    });
  }
}
