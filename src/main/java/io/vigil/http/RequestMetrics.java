package io.vigil.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil_http_requests_seconds{method, route, status}}: one timer per route template, resolved once and then
 * reused. It replaces vertx-micrometer's HTTP-server meters, which look up and tag several meters on every request
 * (about a tenth of a request's CPU in the HTTP benchmark). Routes are templates ({@code /api/tasks/:id}), so the
 * label set stays small.
 */
final class RequestMetrics {
  private final MeterRegistry registry = BackendRegistries.getDefaultNow();
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  boolean enabled() {
    return registry != null;
  }

  void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      Route route = ctx.currentRoute();
      String template = route == null || route.getPath() == null ? "unmatched" : route.getPath();
      int status = ctx.response().getStatusCode();
      String method = ctx.request().method().name();
      timers.computeIfAbsent(method + ' ' + template + ' ' + status, key -> Timer.builder("vigil_http_requests")
              .description("HTTP requests by route template and status")
              .tag("method", method).tag("route", template).tag("status", Integer.toString(status))
              .register(registry))
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    });
    ctx.next();
  }
}
