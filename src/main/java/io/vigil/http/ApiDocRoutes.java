package io.vigil.http;

import io.vertx.ext.web.Router;

/**
 * The API described for its consumers: {@code GET /api/openapi.yaml} (OpenAPI 3.1, the whole HTTP API) and
 * {@code GET /api/docs} (rendered by Swagger UI from its webjar). Public, like {@code /health}: the document holds
 * no secret, and a caller needs it before it has a token. Mounted before authentication.
 */
final class ApiDocRoutes {
  static final String DOCUMENT = "openapi/vigil.yaml";

  void mount(Router router) {
    router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").sendFile(DOCUMENT));
    router.get("/api/docs").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8").sendFile("openapi/docs.html"));
    router.get("/api/docs/init.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").sendFile("openapi/docs-init.js"));
  }
}
