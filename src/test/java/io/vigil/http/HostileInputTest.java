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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route, every role, and the requests no well-behaved client sends: malformed escapes in path and query, form,
 * multipart and binary bodies, huge and deeply nested JSON, extreme numbers and instants, and random junk from a
 * fixed seed (a failure names the request, so it can be sent again). What must hold for each: an answer below 500,
 * within the client's timeout; every error a problem document; and nothing at ERROR, no stack trace, in the log.
 */
@DisplayName("Hostile input: no 5xx, none unanswered, every error a problem document, nothing in the log")
class HostileInputTest {
  static final long SEED = 0x5EED_1212L;
  static final int RANDOM_REQUESTS = 1500;
  static final int BODY_LIMIT = 64 * 1024;
  static final Map<String, String> TOKENS = Map.of(
      "viewer", "viewer-secret-0123456789", "producer", "producer-secret-0123456789",
      "operator", "operator-secret-0123456789", "admin", "admin-secret-0123456789abc");
  /** Who asks: nobody, each role, a wrong token, a wrong scheme. */
  static final List<String> CALLERS = List.of("none", "viewer", "producer", "operator", "admin", "bogus", "basic");

  /** Every route of the API, health, metrics and the web root; {@code {id}} and {@code {q}} are filled in. */
  static final List<String[]> ROUTES = List.of(
      new String[] {"POST", "/api/tasks"}, new String[] {"POST", "/api/tasks/batch"},
      new String[] {"GET", "/api/tasks"}, new String[] {"GET", "/api/tasks/{id}"},
      new String[] {"DELETE", "/api/tasks/{id}"}, new String[] {"GET", "/api/queues"},
      new String[] {"GET", "/api/queues/{q}"}, new String[] {"POST", "/api/queues/{q}/pause"},
      new String[] {"POST", "/api/queues/{q}/resume"}, new String[] {"GET", "/api/queues/{q}/dead-letters"},
      new String[] {"GET", "/api/queues/{q}/groups"},
      new String[] {"POST", "/api/queues/{q}/dead-letters/replay"}, new String[] {"DELETE", "/api/queues/{q}/dead-letters"},
      new String[] {"GET", "/api/events"}, new String[] {"GET", "/api/events/stream"},
      new String[] {"GET", "/api/system/mode"}, new String[] {"PUT", "/api/system/mode"},
      new String[] {"POST", "/api/system/stop"}, new String[] {"POST", "/api/system/resume"},
      new String[] {"GET", "/api/breakers"}, new String[] {"GET", "/api/cluster"},
      new String[] {"POST", "/api/breakers/{id}/open"}, new String[] {"POST", "/api/breakers/{id}/close"},
      new String[] {"POST", "/api/breakers/{id}/reset"},
      new String[] {"GET", "/api/config"}, new String[] {"POST", "/api/config/reload"},
      new String[] {"GET", "/api/components"}, new String[] {"GET", "/api/components/{id}"},
      new String[] {"GET", "/api/components/{id}/uptime"}, new String[] {"POST", "/api/probes/run"},
      new String[] {"POST", "/api/probes/{id}/run"}, new String[] {"GET", "/api/probes/stats"},
      new String[] {"GET", "/api/status"}, new String[] {"GET", "/api/version"},
      new String[] {"GET", "/api/alarms"}, new String[] {"GET", "/api/alarms/{id}"},
      new String[] {"POST", "/api/alarms/{id}/ack"}, new String[] {"POST", "/api/alarms/{id}/resolve"},
      new String[] {"GET", "/api/recovery/attempts"}, new String[] {"GET", "/api/recovery/stats"},
      new String[] {"POST", "/api/recovery/{id}"},
      new String[] {"GET", "/api/silences"}, new String[] {"POST", "/api/silences"},
      new String[] {"DELETE", "/api/silences/{id}"}, new String[] {"GET", "/api/schedules"},
      new String[] {"POST", "/api/schedules"}, new String[] {"GET", "/api/schedules/{id}"},
      new String[] {"DELETE", "/api/schedules/{id}"}, new String[] {"GET", "/api/rules"},
      new String[] {"POST", "/api/rules/test"}, new String[] {"GET", "/api/notifications"},
      new String[] {"GET", "/api/whoami"}, new String[] {"POST", "/api/stream/tickets"},
      new String[] {"GET", "/api/openapi.yaml"}, new String[] {"GET", "/api/docs"}, new String[] {"GET", "/api/docs/init.js"},
      new String[] {"GET", "/health/live"}, new String[] {"GET", "/health/ready"}, new String[] {"GET", "/health"},
      new String[] {"GET", "/metrics"}, new String[] {"GET", "/"}, new String[] {"GET", "/status"},
      new String[] {"GET", "/webjars/uplot/dist/uPlot.esm.js"}, new String[] {"GET", "/webjars/swagger-ui/index.css"});

  static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO");

  /** What goes where a task id or queue name belongs. */
  static final List<String> PATH_VALUES = List.of("default", "01a21c7e-37b2-7239-91aa-0a173562f51d", "nowhere",
      "%zz", "%", "%G1", "%00", "%C0%AF", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a%20b", "x".repeat(2000),
      "\u00fc\u00df", "%F0%9F%92%A9", "-1", "null", "'%3B--");

  static final List<String> QUERIES = List.of("", "?limit=-1", "?limit=1e99", "?limit=99999999999999999999",
      "?status=%zz", "?status=", "?queue=%", "?since=+999999999-12-31T23:59:59Z", "?until=2026-13-45T99:99:99Z",
      "?cursor=%C0%80", "?cursor=AAAA", "?source=%00", "?reason=" + "r".repeat(3000), "?a=1&a=2&&=&%=%",
      "?last_event_id=-99999999999999999999", "?severity=critical&severity=%G1", "?type=%2F%2F", "?x=%zz");

  static final String NESTED_ARRAYS = "[".repeat(5000) + "]".repeat(5000);
  static final String NESTED_OBJECTS = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);

  /** Bodies: content type (null = none) and the bytes. */
  static final List<Body> BODIES = List.of(
      Body.none(),
      Body.json("{\"type\":"),
      Body.json("{\"type\":\"noop\"}}"),
      Body.json("nul"),
      Body.json("\"\\ud800\""),
      Body.json("null"),
      Body.json("[]"),
      Body.json("[1,2,"),
      Body.json(NESTED_ARRAYS),
      Body.json(NESTED_OBJECTS),
      Body.json("{\"type\":\"noop\",\"payload\":" + NESTED_OBJECTS + "}"),
      Body.json("{\"type\":\"noop\",\"payload\":{\"x\":\"" + "a".repeat(BODY_LIMIT + 10) + "\"}}"),
      Body.json("{\"type\":\"noop\",\"priority\":1e400,\"max_attempts\":-0}"),
      Body.json("{\"type\":\"noop\",\"payload\":{\"n\":1e400,\"m\":-1e400,\"k\":1e-400,\"big\":123456789012345678901234567890}}"),
      Body.json("{\"type\":\"noop\",\"delay_ms\":1e18}"),
      Body.json("{\"type\":\"noop\",\"delay_ms\":9223372036854775808}"),
      Body.json("{\"type\":\"noop\",\"run_at\":\"+999999999-12-31T23:59:59Z\"}"),
      Body.json("{\"type\":\"noop\",\"run_at\":\"-999999999-01-01T00:00:00Z\"}"),
      Body.json("{\"type\":\"noop\",\"run_at\":\"2026-02-30T00:00:00Z\"}"),
      Body.json("{\"type\":\"noop\",\"idempotency_key\":\"" + "k".repeat(10_000) + "\"}"),
      Body.json("{\"type\":\"\\u0000\",\"queue\":\"\\u0000\"}"),
      Body.json("{\"tasks\":[1,\"x\",null,{\"type\":5}]}"),
      Body.json("[" + "{\"type\":\"noop\"},".repeat(1500) + "{\"type\":\"noop\"}]"),
      Body.json("{\"ids\":[1e400,{},null],\"reason\":{\"$gt\":1}}"),
      Body.json("{\"mode\":[\"stopped\"],\"reason\":5}"),
      Body.json("{\"mode\":\"halted\",\"reason\":\"" + "r".repeat(2000) + "\"}"),
      Body.of("application/json; charset=utf-16", "{\"type\":\"noop\"}".getBytes(StandardCharsets.UTF_16)),
      Body.of("application/x-www-form-urlencoded", "type=noop&x=%zz&%=%"),
      Body.of("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
          + "filename=\"../../x\"\r\n\r\nfile\r\n--XyZ--\r\n"),
      Body.of("multipart/form-data", "--no-boundary--"),
      Body.of("application/octet-stream", new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x1b, 0x7f, (byte) 0xc0}),
      Body.of("text/plain", "{\"type\":\"noop\"}"),
      Body.of(null, "{\"type\":\"noop\"}"),
      Body.of("application/problem+json", "{\"type\":\"noop\"}"),
      Body.of("\u0000/\u0000", "x"));

  record Body(String contentType, byte[] bytes) {
    static Body none() {
      return new Body(null, null);
    }

    static Body json(String text) {
      return of("application/json", text);
    }

    static Body of(String contentType, String text) {
      return new Body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    static Body of(String contentType, byte[] bytes) {
      return new Body(contentType, bytes);
    }

    String describe() {
      if (bytes == null) return "no body";
      String text = new String(bytes, 0, Math.min(bytes.length, 60), StandardCharsets.ISO_8859_1);
      return contentType + " " + bytes.length + " bytes: " + text.replaceAll("[^\\x20-\\x7e]", "?");
    }
  }

  static RunningVigil vigil;
  static RawHttp http;
  static CapturedLog log;
  final List<String> violations = new ArrayList<>();
  int sent;

  @BeforeAll
  static void start() {
    StringBuilder tokens = new StringBuilder();
    TOKENS.forEach((role, secret) -> tokens.append(tokens.length() == 0 ? "" : ",").append("t-" + role)
        .append(':').append(role).append(':').append(secret));
    vigil = RunningVigil.start("http: {body_limit_bytes: " + BODY_LIMIT + "}\n", Map.of(
        "VIGIL_AUTH_TOKENS", tokens.toString(), "VIGIL_HTTP_BATCH_MAX_TASKS", "1000"));
    http = new RawHttp(vigil.port(), Duration.ofSeconds(15));
    log = CapturedLog.capture();
  }

  @AfterAll
  static void stop() {
    log.close();
    vigil.close();
  }

  @Test
  @DisplayName("every route the router serves is in the suite's list, so a new route is attacked the day it appears")
  void everyRouteTheRouterServesIsAttacked() {
    List<String> listed = new ArrayList<>();
    for (String[] route : ROUTES) listed.add(route[0] + " " + fill(route[1], "x"));
    List<String> missing = new ArrayList<>();
    for (io.vertx.ext.web.Route route : routerOf(vigil).getRoutes()) {
      String path = route.getPath();
      // "/*" serves the web root: "/" stands for it (any other path there is a file or a 404 from StaticHandler)
      if (path == null || route.methods() == null || path.equals("/") && !route.isExactPath()) continue;
      String pattern = java.util.regex.Pattern.quote(path).replaceAll(":[A-Za-z_]+", "\\\\E[^/]+\\\\Q")
          + (route.isExactPath() ? "" : ".*");
      for (io.vertx.core.http.HttpMethod method : route.methods()) {
        String sent = java.util.regex.Pattern.quote(method.name() + " ") + pattern;
        if (listed.stream().noneMatch(l -> l.matches(sent))) missing.add(method.name() + " " + path);
      }
    }
    assertThat(missing).as("routes the hostile suite does not send to").isEmpty();
  }

  /** The router a node's HTTP verticle builds from this node's configuration. */
  static io.vertx.ext.web.Router routerOf(RunningVigil node) {
    HttpVerticle verticle = new HttpVerticle(io.vigil.config.HttpSlice.of(node.config()));
    verticle.init(node.vertx(), node.vertx().getOrCreateContext());
    return verticle.router();
  }

  @BeforeEach
  void clearLog() {
    log.clear();
  }

  static Map<String, String> headers(String caller, Body body) {
    Map<String, String> headers = new LinkedHashMap<>();
    switch (caller) {
      case "none" -> { }
      case "bogus" -> headers.put("Authorization", "Bearer not-a-token-at-all");
      case "basic" -> headers.put("Authorization", "Basic YWRtaW46YWRtaW4=");
      default -> headers.put("Authorization", "Bearer " + TOKENS.get(caller));
    }
    if (body.contentType() != null) headers.put("Content-Type", body.contentType());
    return headers;
  }

  static String fill(String template, String value) {
    return template.replace("{id}", value).replace("{q}", value);
  }

  /** Sends one request and notes anything that breaks the rules. */
  void check(String method, String target, Map<String, String> headers, byte[] body, String what) {
    sent++;
    String request = abbreviate(method + " " + target + " " + headers.keySet() + " " + what);
    try {
      check(http.send(method, target, headers, body), request);
    } catch (RawHttp.Unanswered e) {
      violations.add(abbreviate("UNANSWERED " + request + ": " + e.getMessage()));
    }
  }

  void checkRaw(byte[] request, String what) {
    sent++;
    try {
      check(http.exchange(request, what), what);
    } catch (RawHttp.Unanswered e) {
      violations.add(abbreviate("UNANSWERED " + what + ": " + e.getMessage()));
    }
  }

  private void check(RawHttp.Answer answer, String request) {
    // readiness answers 503 by contract while the node is not ready (the suite's admin calls stop it now and then)
    boolean notReady = answer.status() == 503 && request.startsWith("GET /health")
        && answer.body().startsWith("{\"status\":\"DOWN\"");
    if (answer.status() >= 500 && !notReady) {
      violations.add(abbreviate(answer.status() + " for " + request + ": " + answer.body()));
    } else if (answer.status() >= 400 && !notReady && !"application/problem+json".equals(answer.header("Content-Type"))) {
      violations.add(abbreviate("not a problem document (" + answer.status() + " " + answer.header("Content-Type")
          + ") for " + request + ": " + answer.body()));
    }
  }

  void assertNothingBroke() {
    assertThat(violations.size()).as("%d of %d requests broke the rules, e.g.:%n%s", violations.size(), sent,
        String.join("\n", violations.subList(0, Math.min(20, violations.size())))).isZero();
    assertThat(log.atLeast(Level.ERROR)).as(CapturedLog.describe(log.atLeast(Level.ERROR))).isEmpty();
    assertThat(log.withStackTraces()).as(CapturedLog.describe(log.withStackTraces())).isEmpty();
  }

  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
  }

  @Test
  void everyRouteAsEveryCallerWithEveryKindOfBody() {
    for (String[] route : ROUTES) {
      String target = fill(route[1], "default");
      for (String caller : CALLERS) {
        for (Body body : BODIES) {
          check(route[0], target, headers(caller, body), body.bytes(), body.describe());
        }
      }
    }

    assertNothingBroke();
  }

  @Test
  void everyRouteWithMalformedPathsAndQueriesAndEveryMethod() {
    for (String[] route : ROUTES) {
      for (int i = 0; i < Math.max(PATH_VALUES.size(), QUERIES.size()); i++) {
        String value = PATH_VALUES.get(i % PATH_VALUES.size());
        String query = QUERIES.get(i % QUERIES.size());
        check(route[0], fill(route[1], value) + query, headers("admin", Body.none()), null, "no body");
        check(route[0], fill(route[1], value), headers("operator", Body.none()), null, "no body");
        check(route[0], fill(route[1], "default") + query, headers("viewer", Body.none()), null, "no body");
      }
      for (String method : METHODS) {
        check(method, fill(route[1], "default"), headers("operator", Body.none()), null, "no body");
      }
    }

    assertNothingBroke();
  }

  @Test
  void oversizedAndBrokenHeadersAndRequestLines() {
    String path = "/api/tasks";
    check("GET", "/" + "a".repeat(10_000), Map.of(), null, "a request line over the limit");
    check("GET", path, Map.of("X-Big", "b".repeat(10_000)), null, "a header over the limit");
    check("GET", path, Map.of("X-Request-Id", "bad id with spaces and \u00ff".repeat(50)), null, "a junk request id");
    check("POST", path, Map.of("Authorization", "Bearer " + TOKENS.get("producer"), "Content-Type", "application/json",
        "Idempotency-Key", "k".repeat(4000)), "{\"type\":\"noop\"}".getBytes(StandardCharsets.UTF_8), "a huge idempotency key");
    check("GET", "/api/events/stream", Map.of("Authorization", "Bearer " + TOKENS.get("viewer"),
        "Last-Event-ID", "-1e999"), null, "a junk Last-Event-ID");
    checkRaw(bytes("GET /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n"), "negative length");
    checkRaw(bytes("POST /api/tasks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n"), "a chunked body");
    checkRaw(bytes("POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close"
        + "\r\n\r\n{}}"), "two content lengths");
    checkRaw(bytes("GET /api/tasks HTTP/1.0\r\n\r\n"), "HTTP/1.0 without Host");
    checkRaw(bytes("GET /api/tasks HTTP/1.1\r\nConnection: close\r\n\r\n"), "HTTP/1.1 without Host");
    checkRaw(bytes("GET /api/tasks HTTP/1.1\r\nHost: a b c\r\nConnection: close\r\n\r\n"), "a Host with spaces");
    checkRaw(bytes("GET /api/tasks HTTP/1.1\r\nHost: x:99999999\r\nConnection: close\r\n\r\n"), "a Host with a bad port");
    checkRaw(bytes("GET /api/tasks HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n"), "two Hosts");
    checkRaw(bytes("GET http://evil.example/api/tasks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        "an absolute target");
    checkRaw(bytes("GET  HTTP/1.1\r\nConnection: close\r\n\r\n"), "no target");
    checkRaw(bytes("\u00ff\u00fe GET / HTTP/1.1\r\nConnection: close\r\n\r\n"), "bytes before the method");
    checkRaw(bytes("GET /api/tasks HTTP/1.1\r\nHost: x\r\n Folded: header\r\nConnection: close\r\n\r\n"), "a folded header");
    checkRaw(bytes("GET /api/tasks HTTP/1.1\r\nHost: x\r\nNo colon here\r\nConnection: close\r\n\r\n"), "a header without a colon");

    assertNothingBroke();
  }

  /**
   * Two answers Vert.x gives before any Vigil code runs, pinned here so a change in them is noticed: a protocol
   * version other than HTTP/1.0 or 1.1 gets Vert.x's bare 501 (Http1xServerRequestHandler), and a body whose chunked
   * framing breaks mid-way closes the connection at once (Http1xServerConnection.handleError): the request has no
   * end to answer. Neither hangs.
   */
  @Test
  void whatVertxAnswersItselfIsPinned() {
    RawHttp.Answer version = http.exchange(bytes("GET /api/tasks HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"),
        "HTTP/9.9");
    assertThat(version.status()).isEqualTo(501);
    assertThat(version.body()).isEmpty();

    long started = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.exchange(bytes("POST /api/tasks HTTP/1.1\r\nHost: x\r\n"
            + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
            "a chunk size that is not hex"))
        .isInstanceOf(RawHttp.Unanswered.class).hasMessageContaining("closed without a status line");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed, not left hanging").isLessThan(Duration.ofSeconds(10));
    assertNothingBroke();
  }

  @Test
  void randomJunkFromAFixedSeed() {
    Random random = new Random(SEED);
    for (int i = 0; i < RANDOM_REQUESTS; i++) {
      if (random.nextInt(10) == 0) {
        byte[] junk = junkRequest(random);
        checkRaw(junk, "random request #" + i + " (seed " + SEED + ")");
        continue;
      }
      String[] route = pick(random, ROUTES);
      String method = random.nextInt(4) == 0 ? pick(random, METHODS) : route[0];
      String target = fill(route[1], random.nextBoolean() ? pick(random, PATH_VALUES) : junkSegment(random))
          + (random.nextBoolean() ? pick(random, QUERIES) : junkQuery(random));
      Body body = random.nextInt(3) == 0 ? Body.json(junkJson(random, 0)) : pick(random, BODIES);
      Map<String, String> headers = headers(pick(random, CALLERS), body);
      if (random.nextInt(5) == 0) headers.put("X-" + junkToken(random), junkHeaderValue(random));
      check(method, target, headers, body.bytes(), "random #" + i + " (seed " + SEED + "), " + body.describe());
    }

    assertNothingBroke();
  }

  static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A complete request (it ends with an empty line) whose line and headers are random bytes. */
  static byte[] junkRequest(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('A' + random.nextInt(26)); // a printable first byte: a line of control characters only is skipped
    for (int i = random.nextInt(80); i > 0; i--) out.write(noNewline(random));
    out.writeBytes(bytes("\r\n"));
    for (int h = random.nextInt(4); h > 0; h--) {
      out.writeBytes(bytes(junkToken(random) + ": "));
      for (int i = random.nextInt(40); i > 0; i--) out.write(noNewline(random));
      out.writeBytes(bytes("\r\n"));
    }
    out.writeBytes(bytes("Connection: close\r\n\r\n"));
    return out.toByteArray();
  }

  private static int noNewline(Random random) {
    int b;
    do {
      b = random.nextInt(256);
    } while (b == '\r' || b == '\n');
    return b;
  }

  static String junkToken(Random random) {
    StringBuilder token = new StringBuilder();
    for (int i = 1 + random.nextInt(12); i > 0; i--) token.append((char) ('a' + random.nextInt(26)));
    return token.toString();
  }

  static String junkHeaderValue(Random random) {
    StringBuilder value = new StringBuilder();
    for (int i = random.nextInt(60); i > 0; i--) value.append((char) (0x20 + random.nextInt(0x5f)));
    return value.toString();
  }

  /** Printable characters a path may carry, percent signs among them. */
  static String junkSegment(Random random) {
    String alphabet = "abcXYZ019-._~%%%/:@!$&'()*+,;=";
    StringBuilder segment = new StringBuilder();
    for (int i = random.nextInt(30); i > 0; i--) segment.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return segment.toString();
  }

  static String junkQuery(Random random) {
    String alphabet = "ab=&%%+;09Gz?/";
    StringBuilder query = new StringBuilder("?");
    for (int i = random.nextInt(40); i > 0; i--) query.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return query.toString();
  }

  /** Random JSON, well-formed or not, with the field names the API knows and extreme values. */
  static String junkJson(Random random, int depth) {
    List<String> fields = List.of("type", "queue", "payload", "priority", "run_at", "delay_ms", "max_attempts",
        "idempotency_key", "tasks", "ids", "reason", "mode", "x");
    List<String> scalars = List.of("null", "true", "0", "-0", "1e400", "-1e-400", "9223372036854775808", "1.5",
        "\"noop\"", "\"default\"", "\"\"", "\"+999999999-12-31T23:59:59Z\"", "\"\\u0000\"", "\"\\ud800\"", "NaN");
    int kind = depth > 6 ? 2 : random.nextInt(4);
    if (kind == 0) {
      StringBuilder object = new StringBuilder("{");
      for (int i = random.nextInt(5); i > 0; i--) {
        object.append('"').append(pick(random, fields)).append("\":").append(junkJson(random, depth + 1));
        if (i > 1) object.append(',');
      }
      return object.append(random.nextInt(20) == 0 ? "" : "}").toString();
    }
    if (kind == 1) {
      StringBuilder array = new StringBuilder("[");
      for (int i = random.nextInt(4); i > 0; i--) {
        array.append(junkJson(random, depth + 1));
        if (i > 1) array.append(',');
      }
      return array.append(']').toString();
    }
    return pick(random, scalars);
  }
}
