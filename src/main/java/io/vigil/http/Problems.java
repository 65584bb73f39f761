package io.vigil.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vigil.bus.Failure;
import io.vigil.bus.FailureException;
import io.vigil.bus.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The one place failures become HTTP answers: {@code application/problem+json} (RFC 9457) with a stable
 * {@code type} per code, the request id, and never a stack trace.
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  static final String CONTENT_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "urn:vigil:problem:";

  private static final Map<Integer, String> CODE_BY_STATUS = Map.of(
      400, Failure.Codes.MALFORMED_REQUEST,
      401, Failure.Codes.UNAUTHORIZED,
      403, Failure.Codes.FORBIDDEN,
      404, Failure.Codes.NOT_FOUND,
      405, Failure.Codes.METHOD_NOT_ALLOWED,
      413, Failure.Codes.PAYLOAD_TOO_LARGE,
      415, Failure.Codes.UNSUPPORTED_MEDIA_TYPE,
      429, Failure.Codes.TOO_MANY_REQUESTS,
      503, Failure.Codes.COMPONENT_UNAVAILABLE);

  private static final Map<String, String> TITLES = Map.ofEntries(
      Map.entry(Failure.Codes.MALFORMED_JSON, "Malformed request body"),
      Map.entry(Failure.Codes.MALFORMED_REQUEST, "Malformed request"),
      Map.entry(Failure.Codes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
      Map.entry(Failure.Codes.PAYLOAD_TOO_LARGE, "Payload too large"),
      Map.entry(Failure.Codes.VALIDATION_FAILED, "Validation failed"),
      Map.entry(Failure.Codes.UNKNOWN_TASK_TYPE, "Unknown task type"),
      Map.entry(Failure.Codes.UNKNOWN_QUEUE, "Unknown queue"),
      Map.entry(Failure.Codes.NOT_FOUND, "Not found"),
      Map.entry(Failure.Codes.NOT_CANCELLABLE, "Task cannot be cancelled"),
      Map.entry(Failure.Codes.ILLEGAL_MODE_TRANSITION, "Mode change not allowed"),
      Map.entry(Failure.Codes.IDEMPOTENCY_CONFLICT, "Idempotency key reused with a different request"),
      Map.entry(Failure.Codes.UNAUTHORIZED, "Authentication required"),
      Map.entry(Failure.Codes.FORBIDDEN, "Role not sufficient"),
      Map.entry(Failure.Codes.METHOD_NOT_ALLOWED, "Method not allowed"),
      Map.entry(Failure.Codes.SYSTEM_STOPPED, "System stopped"),
      Map.entry(Failure.Codes.BACKEND_UNAVAILABLE, "Queue backend unavailable"),
      Map.entry(Failure.Codes.STORE_UNAVAILABLE, "Store unavailable"),
      Map.entry(Failure.Codes.COMPONENT_UNAVAILABLE, "Component unavailable"),
      Map.entry(Failure.Codes.TASK_FAILED, "Task failed"),
      Map.entry(Failure.Codes.TOO_MANY_REQUESTS, "Too many requests"),
      Map.entry(Failure.Codes.INTERNAL, "Internal error"));

  private Problems() {}

  /** The failure handler of every route. */
  static void handle(RoutingContext ctx) {
    Failure failure = toFailure(ctx);
    if (failure.status() == 500) {
      LOG.error("request {} {} failed (request id {})", ctx.request().method(), ctx.request().path(),
          RequestIdHandler.of(ctx), ctx.failure());
    }
    send(ctx, failure);
  }

  static void send(RoutingContext ctx, Failure failure) {
    write(ctx.response(), failure, ctx.request().path(), RequestIdHandler.of(ctx));
  }

  /** @param instance the request's path, or null when there is none to trust (a request that did not parse) */
  static void write(HttpServerResponse response, Failure failure, String instance, String requestId) {
    if (response.ended()) return;
    if (response.headWritten()) {
      response.reset(); // too late for a problem document (e.g. mid-stream)
      return;
    }
    response.setStatusCode(failure.status()).putHeader("Content-Type", CONTENT_TYPE);
    if (failure.retryAfterSeconds() != null) response.putHeader("Retry-After", failure.retryAfterSeconds().toString());
    if (failure.status() == 401) response.putHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
    response.end(toJson(failure, instance, requestId).encode());
  }

  static JsonObject toJson(Failure failure, String instance, String requestId) {
    JsonObject json = new JsonObject()
        .put("type", TYPE_PREFIX + failure.code())
        .put("title", TITLES.getOrDefault(failure.code(), "Error"))
        .put("status", failure.status())
        .put("detail", failure.detail());
    if (instance != null) json.put("instance", instance);
    if (requestId != null) json.put("request_id", requestId);
    if (!failure.errors().isEmpty()) {
      json.put("errors", new JsonArray(failure.errors().stream().map(FieldError::toJson).toList()));
    }
    if (failure.retryAfterSeconds() != null) json.put("retry_after", failure.retryAfterSeconds());
    return json;
  }

  private static Failure toFailure(RoutingContext ctx) {
    Throwable error = ctx.failure();
    if (error instanceof FailureException fe) return fe.failure();
    if (error instanceof DecodeException || error instanceof ClassCastException) {
      return Failure.of(400, Failure.Codes.MALFORMED_JSON, "the body is not a valid JSON object");
    }
    int status = error instanceof HttpException he ? he.getStatusCode()
        : error == null && ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String code = CODE_BY_STATUS.getOrDefault(status, Failure.Codes.INTERNAL);
    String detail = switch (status) {
      case 404 -> "no resource at " + ctx.request().path();
      case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 413 -> "the body is larger than the limit";
      case 500 -> "an unexpected error; the request id locates it in the logs";
      default -> error instanceof HttpException he && he.getPayload() != null ? he.getPayload() : TITLES.get(code);
    };
    return Failure.of(status >= 400 && status < 600 ? status : 500, code, detail);
  }
}
