package io.vigil.app;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's commands against a running node with auth tokens: exit codes and what they print. */
@DisplayName("The command line against a running node")
class CliTest {
  static final String VIEWER = "viewer-secret-0123456789";
  static final String ADMIN = "admin-secret-01234567890";
  static RunningVigil vigil;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    // the self-probes as bundled, but an event loop must be a minute late to count: on a loaded test machine a
    // second-long stall is ordinary and would make "All systems normal" a matter of luck
    vigil = RunningVigil.start("""
        components:
          vigil-eventloop: {probe: {type: eventloop, delay_degraded_ms: 60000, delay_unhealthy_ms: 120000}}
        """, Map.of("VIGIL_AUTH_TOKENS", "watch:viewer:" + VIEWER + ",root:admin:" + ADMIN));
    vigil.as(VIEWER);
    Eventually.await("every self-probe checked", java.time.Duration.ofSeconds(10),
        () -> vigil.get("/api/components").json().getJsonArray("components").stream()
            .noneMatch(c -> "unknown".equals(((JsonObject) c).getString("status"))));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  int run(Map<String, String> env, String... args) {
    return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env)
        .run(args);
  }

  String url() {
    return "http://127.0.0.1:" + vigil.port();
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void healthcheckExitsZeroWhenTheNodeIsReady() {
    assertThat(run(Map.of("VIGIL_HTTP_PORT", Integer.toString(vigil.port())), "healthcheck")).isZero();
    assertThat(out()).isEqualTo("ready\n");
  }

  @Test
  void healthcheckExitsOneWhenNothingAnswers() {
    assertThat(run(Map.of(), "healthcheck", "--url", "http://127.0.0.1:" + RunningVigil.freePort())).isEqualTo(1);
    assertThat(out()).startsWith("not ready: http://127.0.0.1:").contains("does not answer");
  }

  @Test
  void healthcheckExitsOneWhileTheNodeIsStoppedAndNamesWhatIsDown() {
    vigil.as(ADMIN).post("/api/system/stop", new JsonObject().put("reason", "cli test"));
    try {
      assertThat(run(Map.of(), "healthcheck", "--url", url())).isEqualTo(1);
      assertThat(out()).isEqualTo("not ready: HTTP 503 (down: queue)\n");
    } finally {
      vigil.post("/api/system/resume", new JsonObject().put("reason", "done"));
      vigil.as(VIEWER);
    }
  }

  @Test
  void statusPrintsTheStatusLineAndEveryComponentWithTheTokenFromTheEnvironment() {
    assertThat(run(Map.of("VIGIL_TOKEN", VIEWER), "status", "--url", url())).isZero();

    assertThat(out()).startsWith("HEALTHY — All systems normal.\ncan accept work: yes   can publish: yes   mode: async_queue")
        .contains("COMPONENT").contains("vigil-eventloop *").contains("vigil-disk");
  }

  @Test
  void statusAsJsonCarriesTheStatusAndTheComponents() {
    assertThat(run(Map.of(), "status", "--json", "--url", url(), "--token", VIEWER)).isZero();

    JsonObject json = new JsonObject(out());
    assertThat(json.getJsonObject("status").getBoolean("can_accept_work")).isTrue();
    assertThat(json.getJsonArray("components").size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void statusWithoutATokenSaysTheNodeRefusedAndExitsOne() {
    assertThat(run(Map.of(), "status", "--url", url())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("/api/status answered HTTP 401");
  }

  @Test
  void watchRedrawsTheScreen() {
    assertThat(run(Map.of("VIGIL_TOKEN", VIEWER), "status", "--watch", "--interval", "1", "--iterations", "2",
        "--url", url())).isZero();

    assertThat(out().split("\033\\[H\033\\[2J", -1)).hasSize(3);
    assertThat(out()).contains("All systems normal.").contains("Ctrl-C to stop");
  }

  @Test
  void reportWritesAJsonHealthReport(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.json");

    assertThat(run(Map.of("VIGIL_TOKEN", VIEWER), "report", "--output", file.toString(), "--url", url())).isZero();

    JsonObject report = new JsonObject(Files.readString(file));
    assertThat(report.getJsonObject("status").getString("message")).isNotBlank();
    assertThat(report.getJsonArray("components")).isNotEmpty();
    assertThat(report.getJsonArray("queues").getJsonObject(0).getString("queue")).isEqualTo("default");
    assertThat(report.getJsonObject("vigil").getString("version")).isNotBlank();
    assertThat(report.getJsonArray("recent_failures")).isNotNull();
    assertThat(report.getJsonObject("probe_stats").getLong("checks")).isPositive();
  }

  @Test
  void aUsageMistakeExitsTwoAndSaysWhat() {
    assertThat(run(Map.of(), "report")).isEqualTo(2);
    assertThat(run(Map.of(), "status", "--bogus")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("report needs --output FILE").contains("unknown option --bogus");
  }

  @Test
  void theHelpNamesEveryCommandTheConfigFileAndTheEnvironmentConvention() {
    assertThat(Cli.help()).contains("healthcheck").contains("status").contains("--watch").contains("report --output FILE")
        .contains("--version").contains("conf/vigil.yaml").contains("VIGIL_<KEY_PATH>").contains("VIGIL_TOKEN")
        .contains("README");
  }
}
