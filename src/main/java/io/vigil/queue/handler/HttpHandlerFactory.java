package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
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
 * rejects a task is up. When the attempt is cancelled (an operator's cancel, or its timeout) the request is reset:
 * over HTTP/1.1 its connection is closed, so the target sees the client go; that does not count against the breaker.
 */
public final class HttpHandlerFactory implements TaskHandlerFactory {
  private HttpClient client;

  /** What the target answered. */
  record Reply(int status, String body) {}

  @Override
  public String name() {
    return "http";
  }

  @Override
  public TaskHandler create(Vertx vertx, TaskTypeConfig type) {
    if (client == null) {
      client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
          new PoolOptions().setHttp1MaxSize(64));
    }
    Breaker breaker = Breakers.of(vertx).breaker(breakerName(type.target()));
    return context -> {
      Buffer body = new JsonObject()
          .put("id", context.task().id())
          .put("type", context.task().type())
          .put("attempt", context.attempt())
          .put("payload", new JsonObject(context.task().payload())).toBuffer();
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(type.target())
          .setIdleTimeout(context.timeout().toMillis())
          .putHeader("Content-Type", "application/json")
          .putHeader("User-Agent", "vigil")
          .putHeader("X-Vigil-Task-Id", context.task().id())
          .putHeader("X-Vigil-Attempt", Integer.toString(context.attempt()))
          .putHeader("Idempotency-Key", context.task().id());
      Future<Reply> response = breaker.execute(() -> client.request(request).compose(sent -> {
            context.cancellation().onComplete(reason -> sent.reset()); // abort: the target sees the connection close
            return sent.send(body).compose(r -> r.body().map(b -> new Reply(r.statusCode(), b.toString())));
          })
          .recover(e -> context.cancelled() ? Future.succeededFuture(null) : Future.failedFuture(e))
          .compose(r -> r != null && r.status() >= 500 ? Future.failedFuture(new ServerError(r))
              : Future.succeededFuture(r)));
      return response.map(r -> r == null ? cancelled(context) : outcomeOf(r))
          .otherwise(e -> context.cancelled() ? cancelled(context) : outcomeOfError(e));
    };
  }

  @Override
  public Future<Void> close() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  private static TaskOutcome cancelled(TaskContext context) {
    return TaskOutcome.retryable("request aborted: " + context.cancellation().result());
  }

  /** The breaker guarding calls to {@code target}: {@code http:<host>:<port>}. */
  public static String breakerName(String target) {
    URI uri = URI.create(target);
    return "http:" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : defaultPort(uri));
  }

  static TaskOutcome outcomeOf(Reply response) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return TaskOutcome.success(Results.fromText(response.body()));
    }
    String error = "target answered " + status + snippet(response.body());
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

  private static String snippet(String body) {
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

    ServerError(Reply response) {
      super("server error " + response.status(), null, false, false);
      this.status = response.status();
      this.snippet = snippet(response.body());
    }
  }
}
