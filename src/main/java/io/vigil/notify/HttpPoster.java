package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.domain.notify.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Posts one body for an HTTP channel and turns whatever happens into a {@link Delivery} with the channel's secrets
 * masked. The future never fails.
 */
final class HttpPoster {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPoster.class);

  private final String channel;
  private final WebClient client;
  private final Duration timeout;
  private final Redactor redactor;
  private final Clock clock;

  HttpPoster(Vertx vertx, String channel, Duration timeout, Redactor redactor, Clock clock) {
    this.channel = channel;
    this.timeout = timeout;
    this.redactor = redactor;
    this.clock = clock;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .setFollowRedirects(false)
        .setUserAgent("Vigil"));
  }

  /** Posts and reads the answer with {@link Outcomes#of}. */
  Future<Delivery> post(String url, MultiMap headers, Buffer body) {
    return post(url, headers, body, r -> Outcomes.ofHttpStatus(r.statusCode(), r.headers(), r.bodyAsString(), clock));
  }

  /** Posts and reads the answer with {@code interpret} (for receivers that say more than a status). */
  Future<Delivery> post(String url, MultiMap headers, Buffer body, Function<HttpResponse<Buffer>, Delivery> interpret) {
    Future<Delivery> outcome;
    try {
      outcome = client.postAbs(url)
          .timeout(timeout.toMillis())
          .putHeaders(headers)
          .sendBuffer(body)
          .map(interpret)
          .recover(err -> Future.succeededFuture(Outcomes.ofTransportFailure(err, timeout)));
    } catch (RuntimeException badRequest) {
      outcome = Future.succeededFuture(Delivery.permanent("cannot build the request: "
          + badRequest.getClass().getSimpleName() + ": " + badRequest.getMessage(), 0));
    }
    return outcome.map(redactor::redact).onSuccess(d -> {
      if (LOG.isDebugEnabled()) {
        LOG.debug("channel {}: {} {} {}", channel, d.outcome(), d.statusCode(), d.reason());
      }
    });
  }

  Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
