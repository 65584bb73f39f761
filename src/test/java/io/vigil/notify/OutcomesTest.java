package io.vigil.notify;

import io.vertx.core.MultiMap;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Delivery.Outcome;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomesTest {
  static final MutableClock CLOCK = MutableClock.startingAt("2026-01-01T10:00:00Z");

  @ParameterizedTest(name = "HTTP {0} is {1}")
  @CsvSource({
      "200, DELIVERED", "204, DELIVERED", "301, FAILED_PERMANENT", "400, FAILED_PERMANENT", "401, FAILED_PERMANENT",
      "404, FAILED_PERMANENT", "408, FAILED_RETRYABLE", "410, FAILED_PERMANENT", "429, RETRY_AFTER",
      "500, FAILED_RETRYABLE", "502, FAILED_RETRYABLE", "503, FAILED_RETRYABLE"})
  void statusesMapToOutcomes(int status, Outcome expected) {
    assertThat(Outcomes.ofHttpStatus(status, MultiMap.caseInsensitiveMultiMap(), "", CLOCK).outcome()).isEqualTo(expected);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    MultiMap seconds = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "120");
    MultiMap date = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "Thu, 01 Jan 2026 10:00:45 GMT");

    assertThat(Outcomes.ofHttpStatus(429, seconds, "", CLOCK).retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(Outcomes.ofHttpStatus(503, date, "", CLOCK).retryAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(Outcomes.ofHttpStatus(429, MultiMap.caseInsensitiveMultiMap(), "", CLOCK).retryAfter())
        .isEqualTo(Outcomes.DEFAULT_RETRY_AFTER);
  }

  @Test
  void theReasonQuotesTheStartOfTheAnswerOnOneLine() {
    Delivery d = Outcomes.ofHttpStatus(400, MultiMap.caseInsensitiveMultiMap(), "invalid_blocks\n\tline 2" + "x".repeat(500),
        CLOCK);

    assertThat(d.reason()).startsWith("HTTP 400: invalid_blocks line 2xxx").hasSizeLessThan(220).endsWith("…");
  }

  @Test
  void failuresBeforeAnyAnswerAreRetryable() {
    assertThat(Outcomes.ofTransportFailure(new ConnectException("Connection refused: /127.0.0.1:1"), Duration.ofSeconds(1)))
        .isEqualTo(Delivery.retryable("connection refused", 0));
    assertThat(Outcomes.ofTransportFailure(new TimeoutException("The timeout period ..."), Duration.ofMillis(250)))
        .isEqualTo(Delivery.retryable("no answer within 250 ms", 0));
    assertThat(Outcomes.ofTransportFailure(new IllegalStateException("odd"), Duration.ofSeconds(1)).outcome())
        .isEqualTo(Outcome.FAILED_RETRYABLE);
  }
}
