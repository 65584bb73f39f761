package io.vigil.http;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vigil.testing.Await;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in real headless Chromium: starts Vigil with an admin, an operator and a viewer token, the editors'
 * status public, and one http component ({@code probe-target}) watching a port the browser tests serve and stop —
 * the built-in rule {@code external-service-down} (no {@code for}) opens its alarm at once — and one probed through
 * its circuit breaker ({@code breaker-target}, Redis's port: breaker {@code probe:breaker-target}) for the breaker
 * controls, and another whose recovery plan resets its breaker ({@code recovery-target}) for the recovery panel,
 * and one more with such a plan for "Recover now" ({@code recover-now-target}) (the self-probes are off: on a loaded machine their verdicts would move the status the tests read). Runs
 * {@code src/test/browser/dashboard.test.mjs} with node's test runner (playwright-core driving Debian's
 * {@code /usr/bin/chromium}), and reports each of its tests as a test here. Screenshots go to {@code target/browser}.
 * Fails loudly when node, the npm packages or Chromium are missing ({@code .ci/run} installs them).
 */
@DisplayName("The dashboard in a real browser")
class DashboardBrowserIT {
  static final String ADMIN = "browser-admin-0123456789abcdef";
  static final String OPERATOR = "browser-operator-0123456789abcdef";
  static final String VIEWER = "browser-viewer-0123456789abcdef";
  static final Path SCRIPTS = Path.of("src", "test", "browser");
  static final Path OUT = Path.of("target", "browser");
  static final Pattern RESULT = Pattern.compile("^(not ok|ok) \\d+ - (.*?)(?: # (SKIP|TODO).*)?$");

  static final int PROBE_TARGET_PORT = RunningVigil.freePort();
  /** This run's BullMQ queue in the real Redis: 3 jobs waiting, the oldest (next to be taken) added 90 s ago. */
  static final String BULLMQ_PREFIX = "vigil-browser-" + UUID.randomUUID().toString().substring(0, 8);
  static final String BULLMQ = BULLMQ_PREFIX + ":jobs:";
  static final List<String> BULLMQ_KEYS = List.of(BULLMQ + "meta", BULLMQ + "wait", BULLMQ + "1");

  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    redis(List.of(Request.cmd(Command.HSET).arg(BULLMQ + "meta").arg("opts.maxLenEvents").arg("10000"),
        Request.cmd(Command.RPUSH).arg(BULLMQ + "wait").arg("3").arg("2").arg("1"),
        Request.cmd(Command.HSET).arg(BULLMQ + "1").arg("name").arg("job").arg("timestamp")
            .arg(System.currentTimeMillis() - 90_000)));
    vigil = RunningVigil.start("""
        queue: {stats_interval_ms: 200}
        stream: {heartbeat_ms: 1000}
        http: {public_status: true}
        components:
          vigil-eventloop: {enabled: false}
          vigil-memory: {enabled: false}
          vigil-disk: {enabled: false}
          vigil-queue-default: {enabled: false}
          probe-target-parent:
            name: Probe target parent
            probe: {type: eventbus, address: vigil.system.mode.get, interval_ms: 1000, timeout_ms: 500}
          probe-target:
            name: Probe target
            depends_on: [probe-target-parent]
            suggested_action: {unhealthy: "The probe target is down: start it again."}
            probe: {type: http, url: "http://127.0.0.1:%d/health", interval_ms: 250, timeout_ms: 200,
                    failure_threshold: 1, success_threshold: 1}
          breaker-target:
            name: Breaker target
            breaker: true
            probe: {type: tcp, host: 127.0.0.1, port: 6379, interval_ms: 1000, timeout_ms: 500}
          recovery-target:
            name: Recovery target
            breaker: true
            probe: {type: tcp, host: 127.0.0.1, port: 6379, interval_ms: 500, timeout_ms: 400, failure_threshold: 1}
          recover-now-target:
            name: Recover-now target
            breaker: true
            probe: {type: tcp, host: 127.0.0.1, port: 6379, interval_ms: 1000, timeout_ms: 500}
          foreign-jobs:
            name: Jobs (BullMQ)
            probe: {type: bullmq, redis_url: "redis://127.0.0.1:6379/0", prefix: %s, queue: jobs, interval_ms: 1000,
                    timeout_ms: 500}
        # a type whose target refuses connections (port 1) and whose breaker opens after 3 calls: the next task is
        # answered by the fallback (the probe target), and so finishes degraded
        breakers:
          named:
            "http:127.0.0.1:1": {window_size: 3, minimum_calls: 3, open_ms: 600000}
        task_types:
          shipment: {handler: http, target: "http://127.0.0.1:1/ship",
                     degrade: {strategy: fallback-handler, handler: http, target: "http://127.0.0.1:%1$d/health"}}
        recovery:
          plans:
            recovery-target:
              actions: [{action: reset-breaker, breaker: "probe:recovery-target"}]
            recover-now-target:
              actions: [{action: reset-breaker, breaker: "probe:recover-now-target"}]
        """.formatted(PROBE_TARGET_PORT, BULLMQ_PREFIX),
        Map.of("VIGIL_AUTH_TOKENS", "ops:admin:" + ADMIN + ",shift:operator:" + OPERATOR + ",watch:viewer:" + VIEWER));
  }

  @AfterAll
  static void stop() {
    Request del = Request.cmd(Command.DEL);
    BULLMQ_KEYS.forEach(del::arg);
    redis(List.of(del));
    if (vigil != null) vigil.close();
  }

  private static void redis(List<Request> requests) {
    Vertx vertx = Vertx.vertx();
    try {
      Await.result(Redis.createClient(vertx, "redis://127.0.0.1:6379/0").batch(requests));
    } finally {
      Await.result(vertx.close());
    }
  }

  @TestFactory
  List<DynamicTest> dashboardTests() throws IOException, InterruptedException {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium)").exists();
    assertThat(SCRIPTS.resolve("node_modules/playwright-core"))
        .as("playwright-core (npm ci in src/test/browser)").exists();
    Files.createDirectories(OUT);
    Path log = OUT.resolve("node-test.tap");
    ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=tap", "--test-concurrency=1",
        "dashboard.test.mjs")
        .directory(SCRIPTS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    node.environment().put("VIGIL_URL", "http://127.0.0.1:" + vigil.port());
    node.environment().put("VIGIL_ADMIN_TOKEN", ADMIN);
    node.environment().put("VIGIL_OPERATOR_TOKEN", OPERATOR);
    node.environment().put("VIGIL_VIEWER_TOKEN", VIEWER);
    node.environment().put("VIGIL_PROBE_TARGET_PORT", Integer.toString(PROBE_TARGET_PORT));
    node.environment().put("VIGIL_SCREENSHOTS", OUT.toAbsolutePath().toString());
    Process process = node.start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) process.destroyForcibly();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<DynamicTest> tests = results(lines);

    assertThat(finished).as("the browser tests finished within 5 minutes; output in " + log).isTrue();
    assertThat(tests).as("the browser tests ran; output:\n" + String.join("\n", lines)).hasSizeGreaterThanOrEqualTo(14);
    tests.add(DynamicTest.dynamicTest("node's test runner exits 0", () ->
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero()));
    return tests;
  }

  /** One test per top-level TAP result; a failing one carries its diagnostic block. */
  static List<DynamicTest> results(List<String> lines) {
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = RESULT.matcher(lines.get(i));
      if (!m.matches()) continue;
      boolean ok = m.group(1).equals("ok") && m.group(3) == null;
      StringBuilder diagnostic = new StringBuilder();
      for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  "); j++) diagnostic.append(lines.get(j)).append('\n');
      String name = m.group(2);
      tests.add(DynamicTest.dynamicTest(name, () -> assertThat(ok).as(name + "\n" + diagnostic).isTrue()));
    }
    return tests;
  }
}
