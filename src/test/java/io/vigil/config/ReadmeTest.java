package io.vigil.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README is a contract with new users: its commands and its configuration table must stay true. */
class ReadmeTest {
  static final Path README = Path.of("README.md");

  @Test
  void everyConfigurationKeyIsInTheReadmeTableWithItsEnvironmentVariable() throws IOException {
    String readme = Files.readString(README);
    Map<String, Object> defaults = ConfigTree.parse(ConfigLoader.bundledDefaults(), "bundled");

    List<String> missing = ConfigTree.leaves(defaults, "").stream()
        .filter(key -> !key.startsWith("queues.") && !key.startsWith("task_types.") && !key.startsWith("components."))
        .filter(key -> !readme.contains("| `" + key + "` | `" + ConfigTree.envName(key) + "` |"))
        .toList();

    assertThat(missing).as("keys of conf/vigil.yaml missing from the README's configuration table").isEmpty();
  }

  @Test
  void theReadmeOpensWithTheRunAndTestCommandsAndCiRunsTheTestOne() throws IOException {
    List<String> lines = Files.readAllLines(README).subList(0, 12);
    String ci = Files.readString(Path.of(".ci", "run"));

    assertThat(lines).contains("    mvn -B -q package -DskipTests && java -jar target/vigil.jar", "    mvn -B verify");
    assertThat(ci.lines().filter(l -> l.startsWith("mvn"))).containsExactly("mvn -B verify");
  }
}
