package io.vigil.http;

import ch.qos.logback.classic.Level;
import io.vigil.testing.CapturedLog;
import io.vigil.testing.RawHttp;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a well-behaved client never sends, found by hostile testing (issue 12): each once hung, answered 500, or
 * answered a bare 400 with a stack trace in the log. Sent over a raw socket, byte for byte.
 */
@DisplayName("Malformed requests get a problem document, never a hang, a 500 or a stack trace")
class MalformedRequestTest {
  static final String PRODUCER = "producer-secret-0123456789";
  static final String OPERATOR = "operator-secret-0123456789";
  static final String FORM = "application/x-www-form-urlencoded";
  static RunningVigil vigil;
  static RawHttp http;
  static CapturedLog log;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("", Map.of("VIGIL_AUTH_TOKENS",
        "billing:producer:" + PRODUCER + ",oncall:operator:" + OPERATOR));
    http = new RawHttp(vigil.port(), Duration.ofSeconds(10));
    // the leader-only verticles (probes, schedules) log their start after the node is up: let them, so that the
    // log lines counted below are the bad requests' own
    io.vigil.testing.Eventually.await("the leader's engines answer", Duration.ofSeconds(10),
        () -> http.send("GET", "/api/schedules", headers(PRODUCER, null), new byte[0]).status() == 200
            && http.send("GET", "/api/components", headers(PRODUCER, null), new byte[0]).status() == 200);
    log = CapturedLog.capture();
  }

  @AfterAll
  static void stop() {
    log.close();
    vigil.close();
  }

  @BeforeEach
  void clearLog() {
    log.clear();
  }

  static Map<String, String> headers(String token, String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) headers.put("Authorization", "Bearer " + token);
    if (contentType != null) headers.put("Content-Type", contentType);
    return headers;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static void assertProblem(RawHttp.Answer answer, int status, String type) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.json().getString("type")).isEqualTo("urn:vigil:problem:" + type);
    assertThat(answer.json().getString("detail")).isNotBlank();
  }

  void assertLoggedAtMostOnceWithoutStackTrace() {
    assertThat(log.atLeast(Level.ERROR)).as(CapturedLog.describe(log.events())).isEmpty();
    assertThat(log.withStackTraces()).as(CapturedLog.describe(log.events())).isEmpty();
    assertThat(log.events().size()).as(CapturedLog.describe(log.events())).isLessThanOrEqualTo(1);
  }

  @Test
  void aFormBodyWithAMalformedQueryEscapeIsAnsweredNotLeftHanging() {
    RawHttp.Answer answer = http.send("POST", "/api/tasks?x=%zz", headers(PRODUCER, FORM), bytes("type=noop"));

    assertProblem(answer, 400, "malformed-request");
    assertLoggedAtMostOnceWithoutStackTrace();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/tasks?status=%zz", "/api/tasks?queue=%", "/api/events?limit=%G1",
      "/api/queues/default/dead-letters?limit=%4", "/api/tasks?%zz=1"})
  void aMalformedEscapeInTheQueryIs400(String target) {
    assertProblem(http.send("GET", target, headers(OPERATOR, null), null), 400, "malformed-request");
    assertLoggedAtMostOnceWithoutStackTrace();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/tasks/%zz", "/api/queues/%G1/pause", "/api/tasks/abc%", "/health/%zz", "/%zz"})
  void aMalformedEscapeInThePathIs400WithOrWithoutAToken(String target) {
    assertProblem(http.send("POST", target, headers(null, null), null), 400, "malformed-request");
    assertProblem(http.send("POST", target, headers(OPERATOR, null), null), 400, "malformed-request");
    assertProblem(http.send("GET", target, headers(OPERATOR, null), null), 400, "malformed-request");
    assertThat(log.atLeast(Level.ERROR)).as(CapturedLog.describe(log.events())).isEmpty();
    assertThat(log.withStackTraces()).as(CapturedLog.describe(log.events())).isEmpty();
    assertThat(log.events().size()).as(CapturedLog.describe(log.events())).isLessThanOrEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "GET", "OPTIONS", "DELETE", "PUT"})
  void aFormBodyOnTheApiIs415WhateverTheMethod(String method) {
    assertProblem(http.send(method, "/api/tasks", headers(OPERATOR, FORM), bytes("type=noop&x=%zz")), 415,
        "unsupported-media-type");
    assertLoggedAtMostOnceWithoutStackTrace();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "GET", "OPTIONS"})
  void aMultipartBodyOnTheApiIs415WhateverTheMethod(String method) {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nnoop\r\n--XyZ--\r\n";

    RawHttp.Answer answer = http.send(method, "/api/tasks", headers(OPERATOR, "multipart/form-data; boundary=XyZ"),
        bytes(body));

    assertProblem(answer, 415, "unsupported-media-type");
    assertLoggedAtMostOnceWithoutStackTrace();
  }

  @Test
  void aBinaryBodyOnTheApiIs415() {
    RawHttp.Answer answer = http.send("POST", "/api/queues/default/pause", headers(OPERATOR, "application/octet-stream"),
        new byte[] {0, (byte) 0xff, 0x7f, 0x1b});

    assertProblem(answer, 415, "unsupported-media-type");
  }

  @Test
  void aRequestLineTheServerCannotParseGetsAProblemDocument() {
    RawHttp.Answer answer = http.exchange(bytes("GET /api/tasks HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n"
        + "Connection: close\r\n\r\n"), "a header line without a colon");

    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertLoggedAtMostOnceWithoutStackTrace();
  }
}
