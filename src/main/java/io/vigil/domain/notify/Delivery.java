package io.vigil.domain.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What came of one delivery attempt. Outcomes are values, never thrown: the outbox decides from them whether to
 * retry, when, and whether the channel is failing.
 *
 * @param reason     why it was not delivered, safe to show and log (no secrets); empty when delivered
 * @param statusCode the receiver's answer: the HTTP status, or the SMTP reply code for email; 0 when none came
 * @param retryAfter how long the receiver asked us to wait ({@link Outcome#RETRY_AFTER} only), else {@code null}
 */
public record Delivery(Outcome outcome, String reason, int statusCode, Duration retryAfter) {

  public enum Outcome {
    DELIVERED,
    /** The receiver asked to be called again after a while (HTTP 429 / 503 with Retry-After, Telegram retry_after). */
    RETRY_AFTER,
    /** Down, slow, or a transient error: try again with backoff. */
    FAILED_RETRYABLE,
    /** The receiver refused the message for good (bad URL, bad token, rejected recipient): retrying will not help. */
    FAILED_PERMANENT
  }

  public Delivery {
    Objects.requireNonNull(outcome, "outcome");
    reason = reason == null ? "" : reason;
    if ((outcome == Outcome.RETRY_AFTER) != (retryAfter != null)) {
      throw new IllegalArgumentException("retryAfter goes with RETRY_AFTER and only with it");
    }
    if (retryAfter != null && retryAfter.isNegative()) retryAfter = Duration.ZERO;
  }

  public static Delivery delivered(int statusCode) {
    return new Delivery(Outcome.DELIVERED, "", statusCode, null);
  }

  public static Delivery retryAfter(Duration wait, String reason, int statusCode) {
    return new Delivery(Outcome.RETRY_AFTER, reason, statusCode, Objects.requireNonNull(wait, "wait"));
  }

  public static Delivery retryable(String reason, int statusCode) {
    return new Delivery(Outcome.FAILED_RETRYABLE, reason, statusCode, null);
  }

  public static Delivery permanent(String reason, int statusCode) {
    return new Delivery(Outcome.FAILED_PERMANENT, reason, statusCode, null);
  }

  public boolean isDelivered() {
    return outcome == Outcome.DELIVERED;
  }

  /** Whether trying again later may succeed. */
  public boolean isRetryable() {
    return outcome == Outcome.RETRY_AFTER || outcome == Outcome.FAILED_RETRYABLE;
  }

  /** The same outcome with its reason passed through {@code f} (used to mask secrets). */
  public Delivery withReason(UnaryOperator<String> f) {
    return new Delivery(outcome, f.apply(reason), statusCode, retryAfter);
  }
}
