package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.pointer.JsonPointer;
import io.vigil.config.ProbeSpec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one request and judges the answer: the status (the expected ones, or any 2xx), then the body — it must
 * contain a text, and/or the value a JSON pointer picks must equal one. The body is read only when it is judged, and
 * at most {@link #BODY_MAX} bytes of it. Redirects are not followed: a redirect is an answer to judge. Header values
 * (tokens) never reach a result or a log.
 */
final class HttpProbe implements Probe {
  static final int BODY_MAX = 1 << 20;

  private final HttpClient client;
  private final ProbeSpec.Http spec;
  private final RequestOptions request;
  private final JsonPointer pointer;

  HttpProbe(HttpClient client, ProbeSpec.Http spec) {
    this.client = client;
    this.spec = spec;
    long timeout = spec.timing().timeout().toMillis();
    RequestOptions options = new RequestOptions().setAbsoluteURI(spec.url()).setMethod(HttpMethod.valueOf(spec.method()))
        .setFollowRedirects(false).setConnectTimeout(timeout).setIdleTimeout(timeout);
    spec.headers().forEach(options::putHeader);
    this.request = options;
    this.pointer = spec.jsonPointer().isEmpty() ? null : JsonPointer.from(spec.jsonPointer());
  }

  @Override
  public Future<Reading> check() {
    return client.request(request)
        .compose(req -> req.send())
        .compose(this::judge)
        .otherwise(error -> Reading.failed(Errors.describe(error)));
  }

  private Future<Reading> judge(HttpClientResponse response) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("status_code", response.statusCode());
    boolean expected = spec.expectedStatus().isEmpty() ? response.statusCode() / 100 == 2
        : spec.expectedStatus().contains(response.statusCode());
    boolean judgeBody = !spec.bodyContains().isEmpty() || pointer != null;
    if (!expected || !judgeBody) {
      return response.end().map(v -> new Reading(expected ? Reading.ok().outcome()
          : new Verdict().fail("HTTP " + response.statusCode() + ", expected "
              + (spec.expectedStatus().isEmpty() ? "2xx" : spec.expectedStatus().toString())).outcome(), figures));
    }
    return boundedBody(response).map(body -> {
      figures.put("body_bytes", body.length());
      return new Reading(judgeBody(body).outcome(), figures);
    });
  }

  private Verdict judgeBody(Buffer body) {
    Verdict verdict = new Verdict();
    String text = body.toString(StandardCharsets.UTF_8);
    if (!spec.bodyContains().isEmpty() && !text.contains(spec.bodyContains())) {
      verdict.fail("the body does not contain '" + spec.bodyContains() + "'");
    }
    if (pointer != null) {
      try {
        Object value = pointer.queryJson(Json.decodeValue(body));
        if (value == null) verdict.fail(spec.jsonPointer() + " is absent from the body");
        else if (!matches(value, spec.jsonEquals())) {
          verdict.fail(spec.jsonPointer() + " is " + Json.encode(value) + ", expected " + spec.jsonEquals());
        }
      } catch (DecodeException e) {
        verdict.fail("the body is not JSON, so " + spec.jsonPointer() + " cannot be read");
      }
    }
    return verdict;
  }

  /** Equal as text ({@code up} matches "up") or as JSON ({@code 200}, {@code true}, {@code "up"}). */
  static boolean matches(Object value, String expected) {
    if (expected.isEmpty()) return true;
    return String.valueOf(value).equals(expected) || Json.encode(value).equals(expected);
  }

  /** The body up to {@link #BODY_MAX} bytes; the rest is read and dropped so the connection can be reused. */
  private static Future<Buffer> boundedBody(HttpClientResponse response) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      int room = BODY_MAX - body.length();
      if (room > 0) body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
    });
    response.exceptionHandler(promise::tryFail);
    response.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }
}
