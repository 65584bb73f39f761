package io.vigil.http;

import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Query-parameter reads that collect every bad parameter into one 422. */
final class Params {
  private final RoutingContext ctx;
  private final List<FieldError> errors = new ArrayList<>();

  Params(RoutingContext ctx) {
    this.ctx = ctx;
  }

  String text(String name) {
    String value;
    try {
      value = ctx.request().getParam(name);
    } catch (IllegalArgumentException malformed) { // RequestGuard refuses these first; never a 500 if one slips by
      throw Failure.of(400, Failure.Codes.MALFORMED_REQUEST, "the query string cannot be decoded: "
          + malformed.getMessage()).asException();
    }
    return value == null || value.isBlank() ? null : value;
  }

  int integer(String name, int fallback, int min, int max) {
    String value = text(name);
    if (value == null) return fallback;
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) return parsed;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
    return fallback;
  }

  /** One of {@code allowed}, or null when absent. */
  String oneOf(String name, Collection<String> allowed) {
    String value = text(name);
    if (value != null && !allowed.contains(value)) {
      errors.add(new FieldError(name, "'" + value + "' is not one of " + allowed));
      return null;
    }
    return value;
  }

  void invalid(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** Throws the 422 naming each bad parameter, if any. */
  void check() {
    if (!errors.isEmpty()) throw Failure.invalid(errors).asException();
  }
}
