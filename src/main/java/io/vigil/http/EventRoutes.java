package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Addresses;
import io.vigil.config.HttpConfig;
import io.vigil.domain.Role;
import io.vigil.store.EventCursor;
import io.vigil.store.EventQueryParser;

/**
 * {@code GET /api/events}: the audit log from the store, newest first, filtered by type, severity, component and a
 * time range, one page at a time ({@code next_cursor} continues). 503 while the store is down.
 */
final class EventRoutes {
  private final BusClient bus;
  private final HttpConfig config;

  EventRoutes(BusClient bus, HttpConfig config) {
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    router.get("/api/events").handler(Auth.require(Role.VIEWER)).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    Params params = new Params(ctx);
    String severity = params.oneOf("severity", EventQueryParser.SEVERITIES);
    String since = time(params, "since");
    String until = time(params, "until");
    int limit = params.integer("limit", EventQueryParser.DEFAULT_LIMIT, 1, config.listMax());
    String cursor = params.text("cursor");
    if (cursor != null) {
      try {
        EventCursor.parse(cursor);
      } catch (IllegalArgumentException e) {
        params.invalid("cursor", "not a cursor from a previous page (use next_cursor as given)");
      }
    }
    params.check();
    JsonObject query = new JsonObject().put("type", params.text("type")).put("severity", severity)
        .put("component", params.text("component")).put("since", since).put("until", until).put("limit", limit)
        .put("cursor", cursor);
    bus.request(ctx, Addresses.STORE_EVENTS_LIST, query).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static String time(Params params, String name) {
    String value = params.text(name);
    if (value != null && EventQueryParser.instant(value) == null) {
      params.invalid(name, "'" + value + "' is not an ISO-8601 time such as 2026-01-01T00:00:00Z");
      return null;
    }
    return value;
  }
}
