package io.vigil.cluster;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLoadTest {
  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void tasksPerSecondAreTheEngineTotalsDifferenceOverTheInterval() {
    NodeLoad load = new NodeLoad(2_000, 2, START.toEpochMilli(), -1);

    assertThat(load.sample("n1", START.plusSeconds(2), -1, 3, 1_000L).getDouble("tasks_per_s")).isEqualTo(500.0);
    JsonObject next = load.sample("n1", START.plusSeconds(4), -1, 0, 1_400L);

    assertThat(next.getDouble("tasks_per_s")).isEqualTo(200.0);
    assertThat(next.getInteger("running")).isZero();
  }

  @Test
  void aReportTheEngineDidNotAnswerShowsNoTasksAndTheNextCountsFromTheLastAnsweredTotal() {
    NodeLoad load = new NodeLoad(2_000, 2, START.toEpochMilli(), -1);
    load.sample("n1", START.plusSeconds(2), -1, 0, 100L);

    JsonObject unanswered = load.sample("n1", START.plusSeconds(4), -1, null, null);
    JsonObject after = load.sample("n1", START.plusSeconds(6), -1, 0, 900L);

    assertThat(unanswered.getDouble("tasks_per_s")).isZero();
    assertThat(unanswered.getValue("running")).isNull();
    assertThat(after.getDouble("tasks_per_s")).isEqualTo(200.0); // 800 tasks over the 4 s since the answered total
  }
}
