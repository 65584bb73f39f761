package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Failure;

/** Reads request bodies: JSON only, with 415 for other media types and 400 for what does not parse. */
final class JsonBodies {
  private JsonBodies() {}

  /** The body as a JSON object; it must be present. */
  static JsonObject required(RoutingContext ctx) {
    JsonObject body = optional(ctx);
    if (body == null) throw Failure.of(400, Failure.Codes.MALFORMED_JSON, "a JSON object body is required").asException();
    return body;
  }

  /** The body as a JSON object, or null when there is none. */
  static JsonObject optional(RoutingContext ctx) {
    RequestBody body = ctx.body();
    if (body == null || body.length() <= 0) return null;
    requireJsonMediaType(ctx);
    Object value = parse(body);
    if (value instanceof JsonObject object) return object;
    throw Failure.of(400, Failure.Codes.MALFORMED_JSON, "the body must be a JSON object").asException();
  }

  /** The body as any JSON value (object or array). */
  static Object requiredValue(RoutingContext ctx) {
    RequestBody body = ctx.body();
    if (body == null || body.length() <= 0) {
      throw Failure.of(400, Failure.Codes.MALFORMED_JSON, "a JSON body is required").asException();
    }
    requireJsonMediaType(ctx);
    return parse(body);
  }

  private static Object parse(RequestBody body) {
    try {
      return io.vertx.core.json.Json.decodeValue(body.buffer());
    } catch (RuntimeException e) {
      throw Failure.of(400, Failure.Codes.MALFORMED_JSON, "the body is not valid JSON").asException();
    }
  }

  /** {@link RequestGuard} refuses declared non-JSON bodies up front; this catches a body that came undeclared. */
  private static void requireJsonMediaType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (!RequestGuard.isJson(RequestGuard.mediaType(type))) throw RequestGuard.unsupported(type).asException();
  }
}
