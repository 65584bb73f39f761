package io.vigil.config;

import org.junit.jupiter.api.Test;

import io.vigil.bus.Failure;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The README is a contract with new users: its commands and its configuration table must stay true. */
class ReadmeTest {
  static final Path README = Path.of("README.md");

  @Test
  void everyConfigurationKeyIsInTheReadmeTableWithItsEnvironmentVariable() throws IOException {
    String readme = Files.readString(README);
    Map<String, Object> defaults = ConfigTree.parse(ConfigLoader.bundledDefaults(), "bundled");

    List<String> missing = ConfigTree.leaves(defaults, "").stream()
        .filter(key -> !key.startsWith("queues.") && !key.startsWith("task_types.") && !key.startsWith("components.")
            && !key.startsWith("recovery.plans."))
        .filter(key -> !readme.contains("| `" + key + "` | `" + ConfigTree.envName(key) + "` |"))
        .toList();

    assertThat(missing).as("keys of conf/vigil.yaml missing from the README's configuration table").isEmpty();
  }

  /** The error table lists exactly the problem types the service has, each with its status(es). */
  @Test
  void theErrorTableHasARowForEveryProblemTypeAndNoOther() throws IOException, IllegalAccessException {
    Set<String> codes = new TreeSet<>();
    for (Field field : Failure.Codes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) codes.add((String) field.get(null));
    }
    List<String> lines = Files.readAllLines(README);
    int header = lines.indexOf("| problem `type` (`urn:vigil:problem:…`) | status | when |");
    assertThat(header).as("the error table's header").isNotNegative();
    Map<String, String> statusByCode = new TreeMap<>();
    for (String row : lines.subList(header + 2, lines.size())) {
      if (!row.startsWith("|")) break;
      String[] cells = row.split("\\|");
      for (String code : cells[1].trim().split(",\\s*")) statusByCode.put(code.replace("`", ""), cells[2].trim());
    }

    assertThat(statusByCode.keySet()).containsExactlyInAnyOrderElementsOf(codes);
    assertThat(statusByCode.values()).allSatisfy(status -> assertThat(status).matches("[45]\\d\\d(( / |, )[45]\\d\\d)*"));
  }

  @Test
  void theReadmeOpensWithTheRunAndTestCommandsAndCiRunsTheTestOne() throws IOException {
    List<String> lines = Files.readAllLines(README).subList(0, 12);
    String ci = Files.readString(Path.of(".ci", "run"));

    assertThat(lines).contains("    mvn -B -q package -DskipTests && java -jar target/vigil.jar", "    mvn -B verify");
    assertThat(ci.lines().filter(l -> l.startsWith("mvn"))).containsExactly("mvn -B verify");
  }
}
