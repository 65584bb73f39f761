package io.vigil.kit;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running node started from a file takes new breaker options on {@code POST /api/config/reload}: the breaker that
 * exists already (a probe's) answers with the new minimum calls and opens on the new threshold, without a restart.
 */
class BreakerReloadIT {
  private static final String FILE = """
      components:
        pay:
          breaker: true
          probe: {type: http, url: "%s", interval_ms: 200, timeout_ms: 150, failure_threshold: 100}
      breakers:
        named:
          "probe:pay": {minimum_calls: %d, window_size: 50, failure_rate_percent: 50, open_ms: 60000}
      """;

  @TempDir Path dir;
  private final TargetServer target = TargetServer.start().answer(500, "{}");
  private RunningVigil vigil;

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    target.close();
  }

  private JsonObject breaker() {
    return vigil.get("/api/breakers").json().getJsonArray("breakers").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("name").equals("probe:pay")).findFirst().orElseThrow();
  }

  @Test
  void aReloadChangesAnExistingBreakersOptionsAndItOpensOnTheNewThresholdWithoutARestart() throws Exception {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, FILE.formatted(target.url("/health"), 50));
    vigil = RunningVigil.startWithFile(file, Map.of("VIGIL_METRICS_ENABLED", "false"));
    Eventually.until("failing calls counted", 10_000, () -> breaker().getInteger("failures") >= 2);
    assertThat(breaker().getString("state")).as("50 calls needed: still closed").isEqualTo("closed");
    assertThat(breaker().getInteger("minimum_calls")).isEqualTo(50);

    Files.writeString(file, FILE.formatted(target.url("/health"), 3));
    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).as(reload.toString()).isEqualTo(200);
    assertThat(reload.json().getJsonArray("restart_required", new io.vertx.core.json.JsonArray())).isEmpty();
    assertThat(breaker().getInteger("minimum_calls")).isEqualTo(3);
    Eventually.until("open on the new threshold", 10_000, () -> "open".equals(breaker().getString("state")));
  }
}
