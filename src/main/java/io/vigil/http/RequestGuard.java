package io.vigil.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Failure;

import java.util.Locale;

/**
 * Refuses what the API cannot read before anything decodes it. Vert.x decodes percent-escapes and form bodies lazily
 * and throws from deep inside when they are malformed (a 500, or a request never answered when it happens while a
 * form body is read), so the checks run first: a malformed percent-escape anywhere in the path or query is a 400, and
 * on {@code /api/*} a body that is not JSON is a 415 whatever the method. Requests the HTTP codec itself cannot parse
 * get a problem document too. None of this is logged: the caller gets the answer, and a flood of bad requests does
 * not flood the log.
 */
final class RequestGuard {
  private RequestGuard() {}

  /** Every route, before any handler reads the path or a parameter. */
  static void wellFormedUri(RoutingContext ctx) {
    String uri = ctx.request().uri();
    int bad = malformedEscapeAt(uri);
    if (bad >= 0) {
      String part = uri.indexOf('?') >= 0 && bad > uri.indexOf('?') ? "query" : "path";
      String escape = uri.substring(bad, Math.min(uri.length(), bad + 3));
      ctx.fail(Failure.of(400, Failure.Codes.MALFORMED_REQUEST, "the " + part + " has a malformed percent-escape '"
          + escape + "' at character " + bad + " (a % must be followed by two hex digits)").asException());
      return;
    }
    ctx.next();
  }

  /** {@code /api/*}, before the body handler: the API reads JSON bodies only. */
  static void jsonBodyOnly(RoutingContext ctx) {
    MultiMap headers = ctx.request().headers();
    String type = headers.get(HttpHeaders.CONTENT_TYPE);
    String media = mediaType(type);
    boolean decodedAsForm = media.startsWith("multipart/") || media.equals("application/x-www-form-urlencoded");
    if (decodedAsForm || declaresBody(headers) && !isJson(media)) {
      ctx.fail(unsupported(type).asException());
      return;
    }
    ctx.next();
  }

  static Failure unsupported(String contentType) {
    return Failure.of(415, Failure.Codes.UNSUPPORTED_MEDIA_TYPE, "the API reads JSON only: send Content-Type: "
        + "application/json" + (contentType == null ? "" : " (got " + contentType + ")"));
  }

  /** {@code application/json} or any {@code +json} type. */
  static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** The media type of a {@code Content-Type} value, lower-case, without parameters ("" when absent). */
  static String mediaType(String contentType) {
    if (contentType == null) return "";
    if (contentType.equals("application/json")) return contentType; // what nearly every call sends: nothing to cut
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The server's handler for requests its HTTP codec could not parse (a broken request line or header, a line or
   * headers over the limits): a problem document, after which the server closes the connection.
   */
  static void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    String detail = switch (status) {
      case 414 -> "the request line is longer than the server accepts";
      case 431 -> "the request headers are larger than the server accepts";
      default -> "the request is not well-formed HTTP";
    };
    String requestId = RequestIdHandler.newId();
    request.response().putHeader(RequestIdHandler.HEADER, requestId);
    Problems.write(request.response(), Failure.of(status, Failure.Codes.MALFORMED_REQUEST, detail), null, requestId);
  }

  /**
   * In front of the router: a request without a usable Host header is a 400 (RFC 9112 section 3.2); the router
   * would throw on it and answer 500.
   */
  static Handler<HttpServerRequest> requireHost(Handler<HttpServerRequest> router) {
    return request -> {
      if (request.authority() == null) {
        String requestId = RequestIdHandler.newId();
        request.response().putHeader(RequestIdHandler.HEADER, requestId);
        Problems.write(request.response(), Failure.of(400, Failure.Codes.MALFORMED_REQUEST,
            "send a valid Host header"), null, requestId);
        return;
      }
      router.handle(request);
    };
  }

  /** The index of the first {@code %} not followed by two hex digits, or -1. */
  static int malformedEscapeAt(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2))) return i;
    }
    return -1;
  }

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static boolean declaresBody(MultiMap headers) {
    String length = headers.get(HttpHeaders.CONTENT_LENGTH);
    return headers.contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.trim().equals("0");
  }
}
