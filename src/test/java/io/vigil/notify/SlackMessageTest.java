package io.vigil.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.NotificationKind;
import io.vigil.domain.notify.SystemNotifications;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final SlackConfig CONFIG = new SlackConfig("ops", Secret.of("env S", "https://hooks.slack.com/services/x"));

  @Test
  void aLargeGroupKeepsWithinSlacksBlockLimitAndCountsTheRest() {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 40; i++) alerts.add(Samples.backlog("c" + i, T0));

    JsonObject msg = SlackMessage.of(Samples.group(NotificationKind.FIRING, "n", alerts, T0), CONFIG);

    JsonArray blocks = msg.getJsonArray("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    assertThat(blocks.encode()).contains("… and 30 more").contains("firing (40 alerts)");
  }

  @Test
  void anEmergencyStopReadsAsOne() {
    JsonObject msg = SlackMessage.of(SystemNotifications.emergencyStopped("s1", "al-1", "rule corrupt_store fired",
        "node-1", "https://vigil.example", T0), CONFIG);

    assertThat(msg.getString("text")).isEqualTo("🛑 [EMERGENCY STOP] critical VigilEmergencyStop: "
        + "Emergency stop: Vigil halted all work on every node");
    assertThat(msg.getJsonArray("blocks").encode()).contains("POST /api/system/resume")
        .contains("<https://vigil.example/api/alarms/al-1|Open in Vigil>");
  }

  @Test
  void aLongTitleIsCutToSlacksHeaderLimit() {
    Alert a = Alert.builder("X".repeat(400), io.vigil.domain.Severity.INFO).startsAt(T0).fingerprint("fp").build();

    JsonObject msg = SlackMessage.of(Samples.group(NotificationKind.FIRING, "n", List.of(a), T0), CONFIG);

    assertThat(msg.getJsonArray("blocks").getJsonObject(0).getJsonObject("text").getString("text"))
        .hasSize(SlackMessage.HEADER_MAX);
  }
}
