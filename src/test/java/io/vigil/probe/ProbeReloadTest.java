package io.vigil.probe;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Components added, changed and removed in the file of a running node, applied by {@code POST /api/config/reload}:
 * the probes follow without a restart, a changed component keeps its status, and a file with a mistake is refused
 * while the running probes go on.
 */
@DisplayName("Probes follow a reloaded configuration")
class ProbeReloadTest {
  @TempDir Path dir;
  TargetServer first;
  TargetServer second;
  RunningVigil vigil;
  Path file;

  @BeforeEach
  void start() throws IOException {
    first = TargetServer.start();
    second = TargetServer.start();
    file = dir.resolve("vigil.yaml");
    write(Map.of("alpha", first.url("/")));
    vigil = RunningVigil.startWithFile(file, Map.of("VIGIL_CONFIG_WATCH", "false"));
  }

  @AfterEach
  void stop() {
    vigil.close();
    first.close();
    second.close();
  }

  void write(Map<String, String> components) throws IOException {
    write(components, 300);
  }

  void write(Map<String, String> components, long intervalMs) throws IOException {
    StringBuilder yaml = new StringBuilder("components:\n");
    components.forEach((id, url) -> yaml.append("  ").append(id).append(":\n    probe: {type: http, url: \"").append(url)
        .append("\", interval_ms: ").append(intervalMs).append(", timeout_ms: ").append(intervalMs).append("}\n"));
    Files.writeString(file, yaml.toString());
  }

  List<String> probed() {
    return vigil.get("/api/components").json().getJsonArray("components").stream()
        .map(o -> ((JsonObject) o).getString("id")).filter(id -> !id.startsWith("vigil-")).toList();
  }

  JsonObject component(String id) {
    return vigil.get("/api/components/" + id).json();
  }

  Response reload() {
    return vigil.post("/api/config/reload", "", null);
  }

  @Test
  void anAddedComponentIsProbedAtOnce() throws IOException {
    write(Map.of("alpha", first.url("/"), "beta", second.url("/")));

    assertThat(reload().status()).isEqualTo(200);

    assertThat(probed()).containsExactlyInAnyOrder("alpha", "beta");
    Eventually.until("beta is checked", () -> second.hits() > 0);
    Eventually.until("beta is healthy", () -> "healthy".equals(component("beta").getString("status")));
  }

  @Test
  void aRemovedComponentIsNoLongerProbed() throws IOException {
    Eventually.until("alpha is checked", () -> first.hits() > 0);
    write(Map.of("beta", second.url("/")));

    assertThat(reload().status()).isEqualTo(200);

    assertThat(probed()).containsExactly("beta");
    int hits = first.hits();
    Eventually.until("beta is checked", () -> second.hits() > 2);
    assertThat(first.hits()).isLessThanOrEqualTo(hits + 1); // at most a check already under way
    assertThat(vigil.get("/api/components/alpha").status()).isEqualTo(404);
  }

  @Test
  void aChangedComponentRunsWithItsNewSettingsAndKeepsItsStatus() throws IOException {
    Eventually.until("alpha is healthy", () -> "healthy".equals(component("alpha").getString("status")));
    String since = component("alpha").getString("since");
    write(Map.of("alpha", second.url("/")), 200);

    assertThat(reload().status()).isEqualTo(200);

    Eventually.until("alpha checks its new URL", () -> second.hits() > 0);
    JsonObject alpha = component("alpha");
    assertThat(alpha.getJsonObject("probe").getLong("interval_ms")).isEqualTo(200);
    assertThat(alpha.getString("status")).isEqualTo("healthy");
    assertThat(alpha.getString("since")).isEqualTo(since);
  }

  @Test
  void aFileWithAMistakeIsRefusedAndTheRunningProbesGoOn() throws IOException {
    Files.writeString(file, """
        components:
          alpha:
            probe: {type: http, url: "not a url"}
          beta:
            probe: {type: nosuchtype}
        """);

    Response refused = reload();

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("components.alpha.probe.url").contains("components.beta.probe.type");
    assertThat(probed()).containsExactly("alpha");
    int hits = first.hits();
    Eventually.await("alpha is still checked", Duration.ofSeconds(5), () -> first.hits() > hits);
  }
}
