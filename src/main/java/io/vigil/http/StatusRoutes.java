package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.domain.Role;
import io.vigil.observe.BuildInfo;

/**
 * {@code GET /api/status}: can we publish right now? — the status line and what it is built from
 * ({@link StatusQuery}). {@code GET /api/version}: Vigil's version and the runtime's.
 */
final class StatusRoutes {
  private final StatusQuery query;

  StatusRoutes(StatusQuery query) {
    this.query = query;
  }

  void mount(Router router) {
    router.get("/api/status").handler(Auth.require(Role.VIEWER))
        .handler(ctx -> query.status().onSuccess(ctx::json).onFailure(ctx::fail));
    router.get("/api/version").handler(Auth.require(Role.VIEWER)).handler(ctx -> ctx.json(new JsonObject()
        .put("name", "vigil").put("version", BuildInfo.version()).put("java", BuildInfo.java())
        .put("vertx", BuildInfo.vertx())));
  }
}
