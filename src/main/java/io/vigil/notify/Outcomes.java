package io.vigil.notify;

import io.vertx.core.MultiMap;
import io.vigil.domain.notify.Delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

/**
 * How a receiver's answer, or the lack of one, becomes a {@link Delivery}. HTTP: 2xx delivered; 429, and 503 with
 * {@code Retry-After}, retry after what the receiver asked; 408 and 5xx retryable; every other 4xx (and a redirect,
 * which a POST does not follow) permanent. Any transport (HTTP or SMTP): no answer at all is retryable.
 */
final class Outcomes {
  /** When a 429 does not say how long to wait. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
  private static final int SNIPPET = 200;

  private Outcomes() {}

  static Delivery ofHttpStatus(int status, MultiMap headers, String body, Clock clock) {
    if (status >= 200 && status < 300) return Delivery.delivered(status);
    String reason = "HTTP " + status + snippet(body);
    Duration asked = retryAfter(headers.get("Retry-After"), clock);
    if (status == 429) return Delivery.retryAfter(asked == null ? DEFAULT_RETRY_AFTER : asked, reason, status);
    if (status == 503 && asked != null) return Delivery.retryAfter(asked, reason, status);
    if (status == 408 || status >= 500) return Delivery.retryable(reason, status);
    return Delivery.permanent(reason, status);
  }

  /** A failure before any answer: connection refused, timed out, reset, unknown host. Always retryable. */
  static Delivery ofTransportFailure(Throwable err, Duration timeout) {
    if (err instanceof TimeoutException) {
      return Delivery.retryable("no answer within " + timeout.toMillis() + " ms", 0);
    }
    if (err instanceof ConnectException) return Delivery.retryable("connection refused", 0);
    if (err instanceof UnknownHostException) return Delivery.retryable("unknown host", 0);
    if (err instanceof io.netty.channel.ConnectTimeoutException) {
      return Delivery.retryable("could not connect within " + timeout.toMillis() + " ms", 0);
    }
    if (err instanceof IOException || err instanceof io.vertx.core.http.HttpClosedException) {
      return Delivery.retryable("connection lost: " + err.getClass().getSimpleName(), 0);
    }
    return Delivery.retryable("delivery failed: " + err.getClass().getSimpleName() + ": " + err.getMessage(), 0);
  }

  /** Seconds or an HTTP date; {@code null} when absent or unreadable. */
  static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) return null;
    String h = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** The start of the receiver's answer, on one line, for the reason. */
  static String snippet(String body) {
    if (body == null || body.isBlank()) return "";
    String one = body.strip().replaceAll("[\\p{Cntrl}\\s]+", " ");
    return ": " + Template.cut(one, SNIPPET);
  }
}
