package io.vigil.alarm;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.notify.RecordingReceiver;
import io.vigil.testing.Backlog;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules and channels follow the file without a restart; a channel that cannot be built refuses the reload. */
class AlarmReloadTest {
  static final String CONFIG = """
      config: {watch: false}
      queue: {idle_poll_ms: 10, stats_interval_ms: 200}
      notifications:
        channels:
          ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
      %s
      alarms:
        routes: {warning: [%s]}
        rules:
          queue-backup: {for: 0s, clear_for: 0s, threshold: %d}
          processing-timeout: {enabled: false}
      """;

  @TempDir
  Path dir;
  Vertx receivers = Vertx.vertx();
  RecordingReceiver hook = RecordingReceiver.start(receivers);
  RecordingReceiver slack = RecordingReceiver.start(receivers);
  RunningVigil vigil;

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    result(receivers.close());
  }

  @Test
  void aLowerThresholdAndANewChannelApplyOnReloadAndTheNewChannelIsTold() throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, CONFIG.formatted("", "ops-hook", 100));
    vigil = RunningVigil.startWithFile(file, Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"),
        "VIGIL_TEST_HOOK_KEY", "whsec-reload-test-0123456789", "VIGIL_TEST_SLACK_URL", slack.url("/s/T/B/XXXXXXXX")));
    Backlog.of(vigil, 10);

    Files.writeString(file, CONFIG.formatted("    ops-slack: {type: slack, webhook_url_env: VIGIL_TEST_SLACK_URL}",
        "ops-hook, ops-slack", 5));
    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).as(reload.toString()).isEqualTo(200);
    assertThat(reload.json().getJsonArray("sections")).contains("alarms", "notifications");
    assertThat(vigil.get("/api/rules").json().getJsonArray("rules").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("name").equals("queue-backup")).findFirst().orElseThrow().getString("condition"))
        .isEqualTo("queue.backlog > 5");
    Eventually.await("both channels hear of the backlog now over 5", Duration.ofSeconds(10),
        () -> hook.requests().size() == 1 && slack.requests().size() == 1);
  }

  @Test
  void aChannelThatCannotBeBuiltRefusesTheReloadAndTheRunningRulesStay() throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, CONFIG.formatted("", "ops-hook", 100));
    vigil = RunningVigil.startWithFile(file, Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"),
        "VIGIL_TEST_HOOK_KEY", "whsec-reload-test-0123456789", "VIGIL_TEST_SHORT_KEY", "short"));
    Files.writeString(file, CONFIG.formatted("", "ops-hook", 5)
        .replace("VIGIL_TEST_HOOK_KEY", "VIGIL_TEST_SHORT_KEY"));

    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).isEqualTo(422);
    assertThat(reload.body()).contains("notifications.channels.ops-hook").doesNotContain("\"short\"");
    assertThat(vigil.get("/api/rules").json().getJsonArray("rules").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("name").equals("queue-backup")).findFirst().orElseThrow().getString("condition"))
        .isEqualTo("queue.backlog > 100");
  }
}
