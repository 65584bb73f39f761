package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vigil.domain.Role;
import io.vigil.observe.BuildInfo;

import java.util.List;

/**
 * {@code GET /api/status}: can we publish right now? — the status line and what it is built from
 * ({@link StatusQuery}). {@code GET /api/version}: Vigil's version and the runtime's.
 *
 * <p>With {@code http.public_status: true} a caller without a token gets the status too (the editors' page needs no
 * token then), minus what is for operators only: which component ids are down and the suggested actions.
 */
final class StatusRoutes {
  static final String STATUS = "/api/status";
  /** What a caller without a token is not shown. */
  static final List<String> OPERATORS_ONLY = List.of("components_down", "suggested_actions");

  private final StatusQuery query;
  private final boolean publicStatus;

  StatusRoutes(StatusQuery query, boolean publicStatus) {
    this.query = query;
    this.publicStatus = publicStatus;
  }

  /** Before authentication: the public answer for a caller that sends no credentials, when that is allowed. */
  void mountBeforeAuth(Router router) {
    if (!publicStatus) return;
    router.get(STATUS).handler(ctx -> {
      if (ctx.request().getHeader("Authorization") != null) {
        ctx.next();
        return;
      }
      query.status().onSuccess(status -> {
        OPERATORS_ONLY.forEach(status::remove);
        ctx.json(status);
      }).onFailure(ctx::fail);
    });
  }

  void mount(Router router) {
    router.get(STATUS).handler(Auth.require(Role.VIEWER))
        .handler(ctx -> query.status().onSuccess(ctx::json).onFailure(ctx::fail));
    router.get("/api/version").handler(Auth.require(Role.VIEWER)).handler(ctx -> ctx.json(new JsonObject()
        .put("name", "vigil").put("version", BuildInfo.version()).put("java", BuildInfo.java())
        .put("vertx", BuildInfo.vertx())));
  }
}
