package io.vigil.app;

import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar's commands as an operator (or Docker's HEALTHCHECK) runs them: a separate process, its exit code and
 * output, against a running node — and without starting one.
 */
@DisplayName("The jar's command line")
class CliJarIT {
  static RunningVigil vigil;

  record Run(int exit, String output) {}

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("");
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static Run jar(Map<String, String> env, String... args) throws Exception {
    String jar = System.getProperty("vigil.jar", "target/vigil.jar");
    if (!new File(jar).isFile()) throw new IllegalStateException("no fat jar at " + jar + ": run mvn package first");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-jar", jar));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("VIGIL_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command finished").isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void healthcheckExitsZeroForAReadyNodeOnThePortFromTheEnvironment() throws Exception {
    Run run = jar(Map.of("VIGIL_HTTP_PORT", Integer.toString(vigil.port())), "healthcheck");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).isEqualTo("ready\n");
  }

  @Test
  void healthcheckExitsOneWhenNoNodeAnswers() throws Exception {
    Run run = jar(Map.of(), "healthcheck", "--url", "http://127.0.0.1:" + RunningVigil.freePort());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.output()).startsWith("not ready:");
  }

  @Test
  void statusPrintsTheStatusLine() throws Exception {
    Run run = jar(Map.of("VIGIL_URL", "http://127.0.0.1:" + vigil.port()), "status");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("can accept work:").contains("COMPONENT");
  }

  @Test
  void versionAndHelpAnswerWithoutStartingANode() throws Exception {
    Run version = jar(Map.of(), "--version");
    Run help = jar(Map.of(), "--help");

    assertThat(version.exit()).isZero();
    assertThat(version.output()).matches("vigil \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
    assertThat(help.exit()).isZero();
    assertThat(help.output()).contains("healthcheck").contains("VIGIL_TOKEN").doesNotContain("Vigil listening");
    assertThat(vigil.get("/api/version").json().getString("version")).isEqualTo(version.output().substring(6).trim());
  }
}
