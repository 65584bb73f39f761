package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.TaskOutcome;
import io.vigil.kit.Breaker;
import io.vigil.kit.BreakerOpenException;
import io.vigil.kit.Breakers;

import java.net.URI;

/**
 * POSTs {@code {id, type, attempt, payload}} to the task type's target through one circuit breaker per target
 * host ({@code http:<host>:<port>} in the node's {@link Breakers}, with the {@code breakers:} defaults). 2xx is
 * success; 4xx except 408 and 429 is permanent; 5xx, 408, 429, timeouts, connection errors and an open breaker are
 * retryable. Only server-side trouble (5xx, timeouts, connection errors) counts against the breaker: a target that
 * rejects a task is up.
 */
public final class HttpHandlerFactory implements TaskHandlerFactory {
  private WebClient client;

  @Override
  public String name() {
    return "http";
  }

  @Override
  public TaskHandler create(Vertx vertx, TaskTypeConfig type) {
    if (client == null) {
      client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setConnectTimeout(5_000)
          .setUserAgent("vigil"), new PoolOptions().setHttp1MaxSize(64));
    }
    Breaker breaker = Breakers.of(vertx).breaker(breakerName(type.target()));
    return context -> {
      JsonObject body = new JsonObject()
          .put("id", context.task().id())
          .put("type", context.task().type())
          .put("attempt", context.attempt())
          .put("payload", new JsonObject(context.task().payload()));
      Future<HttpResponse<Buffer>> response = breaker.execute(() -> client.postAbs(type.target())
          .timeout(context.timeout().toMillis())
          .putHeader("X-Vigil-Task-Id", context.task().id())
          .putHeader("X-Vigil-Attempt", Integer.toString(context.attempt()))
          .putHeader("Idempotency-Key", context.task().id())
          .sendJsonObject(body)
          .compose(r -> r.statusCode() >= 500 ? Future.failedFuture(new ServerError(r)) : Future.succeededFuture(r)));
      return response.map(HttpHandlerFactory::outcomeOf).otherwise(HttpHandlerFactory::outcomeOfError);
    };
  }

  @Override
  public Future<Void> close() {
    if (client != null) client.close();
    return Future.succeededFuture();
  }

  /** The breaker guarding calls to {@code target}: {@code http:<host>:<port>}. */
  public static String breakerName(String target) {
    URI uri = URI.create(target);
    return "http:" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : defaultPort(uri));
  }

  static TaskOutcome outcomeOf(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return TaskOutcome.success(Results.fromText(response.bodyAsString()));
    }
    String error = "target answered " + status + snippet(response);
    if (status == 408 || status == 429 || status < 200 || (status >= 300 && status < 400)) {
      return TaskOutcome.retryable(error);
    }
    return TaskOutcome.permanent(error);
  }

  static TaskOutcome outcomeOfError(Throwable error) {
    if (error instanceof ServerError se) return TaskOutcome.retryable("target answered " + se.status + se.snippet);
    if (error instanceof BreakerOpenException) return TaskOutcome.retryable("circuit open: the target is failing");
    return TaskOutcome.retryable(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  private static String snippet(HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    if (body == null || body.isBlank()) return "";
    return ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
  }

  private static int defaultPort(URI uri) {
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  /** A 5xx, failed so that the breaker counts it. */
  private static final class ServerError extends RuntimeException {
    final int status;
    final String snippet;

    ServerError(HttpResponse<Buffer> response) {
      super("server error " + response.statusCode(), null, false, false);
      this.status = response.statusCode();
      this.snippet = snippet(response);
    }
  }
}
