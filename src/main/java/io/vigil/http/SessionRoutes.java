package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Failure;
import io.vigil.config.ApiToken;
import io.vigil.domain.Millis;
import io.vigil.domain.Role;

import java.util.List;

/**
 * What a browser needs to be a client: {@code GET /api/whoami} (the token's name and role, so the page shows only
 * the controls the role may use) and {@code POST /api/stream/tickets} (a short-lived, single-use, viewer-scoped
 * ticket for {@code GET /api/events/stream?ticket=…}, since an {@code EventSource} cannot send a bearer header).
 */
final class SessionRoutes {
  static final String STREAM_PATH = "/api/events/stream";
  static final String WHOAMI = "/api/whoami";

  private final StreamTickets tickets;
  private final boolean authEnabled;
  /** API routes that answer without a token ({@code /api/status} with {@code http.public_status}). */
  private final List<String> publicRoutes;

  SessionRoutes(StreamTickets tickets, boolean authEnabled, List<String> publicRoutes) {
    this.tickets = tickets;
    this.authEnabled = authEnabled;
    this.publicRoutes = List.copyOf(publicRoutes);
  }

  /**
   * Before authentication: a stream request with {@code ?ticket=} is admitted as a viewer, or refused 401; and
   * {@code /api/whoami} without credentials says that a token is needed (200, no role, and which API routes answer
   * without one) rather than failing, so a page learns it must ask for one without an error in the browser's console.
   */
  void mountBeforeAuth(Router router) {
    router.get(STREAM_PATH).handler(this::redeem);
    router.get(WHOAMI).handler(ctx -> {
      if (authEnabled && ctx.request().getHeader("Authorization") == null) {
        ctx.json(new JsonObject().put("auth", true).putNull("name").putNull("role")
            .put("public", new JsonArray(publicRoutes)));
      } else {
        ctx.next();
      }
    });
  }

  void mount(Router router) {
    router.get(WHOAMI).handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      ApiToken caller = Auth.caller(ctx);
      ctx.json(new JsonObject().put("auth", authEnabled).put("name", caller.name())
          .put("role", caller.role().wireName()).put("api", apiRoutes(router)));
    });
    router.post("/api/stream/tickets").handler(Auth.require(Role.VIEWER)).handler(ctx -> {
      StreamTickets.Ticket ticket = tickets.issue(Auth.actor(ctx));
      ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
      ctx.json(new JsonObject().put("ticket", ticket.value()).put("expires_at", Millis.format(ticket.expiresAt())));
    });
  }

  /**
   * The API paths this node serves, as route templates ({@code /api/tasks/:id}): a page shows the panel of a
   * capability only when its routes are here, without probing for them (a 404 is an error in a browser's console).
   */
  private static JsonArray apiRoutes(Router router) {
    return new JsonArray(router.getRoutes().stream().map(Route::getPath)
        .filter(path -> path != null && path.startsWith("/api/") && !path.endsWith("/")).distinct().sorted().toList());
  }

  private void redeem(RoutingContext ctx) {
    String ticket = ctx.request().getParam("ticket");
    if (ticket == null || !authEnabled) {
      ctx.next();
      return;
    }
    tickets.redeem(ticket).ifPresentOrElse(holder -> {
      Auth.admit(ctx, new ApiToken(holder.name(), Role.VIEWER, ""));
      ctx.next();
    }, () -> ctx.fail(Failure.of(401, Failure.Codes.UNAUTHORIZED,
        "the stream ticket is not valid, has expired or was used; POST /api/stream/tickets for a new one").asException()));
  }
}
