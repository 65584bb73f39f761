package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Degraded;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaskJsonTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Task ACTIVE = Task.create("0194-id", "jobs", "quote", "{}", Priority.NORMAL, null, 3, null, NOW)
      .activated(NOW);

  @Test
  void aTaskCompletedFromACacheShowsHowAsTheInlineAnswerDoesAndReadsBack() {
    Task done = ACTIVE.completed("{\"price\":7}", new Degraded("cache", "http:pricing:443", NOW.minusSeconds(90)), NOW);

    JsonObject json = TaskJson.toJson(done);

    assertThat(json.getJsonObject("degraded")).isEqualTo(new JsonObject().put("strategy", "cache")
        .put("breaker", "http:pricing:443").put("result_at", "2025-12-31T23:58:30.000Z"));
    assertThat(TaskJson.fromJson(json)).isEqualTo(done);
  }

  @Test
  void aTaskCompletedByAFallbackHasNoResultTimeAndATargetsOwnAnswerHasNoDegradedField() {
    Task fallback = ACTIVE.completed("{}", new Degraded("fallback-handler", "http:pricing:443", null), NOW);

    assertThat(TaskJson.toJson(fallback).getJsonObject("degraded").fieldNames()).containsExactly("strategy", "breaker");
    assertThat(TaskJson.toJson(ACTIVE.completed("{}", NOW)).containsKey("degraded")).isFalse();
    assertThat(TaskJson.fromJson(TaskJson.toJson(ACTIVE.completed("{}", NOW))).degraded()).isNull();
  }
}
