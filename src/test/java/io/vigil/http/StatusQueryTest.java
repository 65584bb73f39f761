package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.status.ComponentHealth;
import io.vigil.store.TaskTimesTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /api/status} answer composed from the mode and the components (no node needed). */
class StatusQueryTest {
  static final JsonObject NORMAL = new JsonObject().put("mode", "async_queue");
  static final Instant ON_THE_SECOND = Instant.parse("2026-11-27T10:15:00Z");

  static ComponentHealth paymentsDown() {
    return new ComponentHealth("payments", "Payments API", true, HealthStatus.UNHEALTHY, ON_THE_SECOND,
        "HTTP 503", "check the service");
  }

  @Test
  void sinceIsWrittenWithThreeDecimalsEvenOnAWholeSecond() {
    JsonObject status = StatusQuery.toJson(NORMAL, new StatusQuery.Components(List.of(paymentsDown()), null),
        ON_THE_SECOND.plusSeconds(60));

    assertThat(status.getString("since")).isEqualTo("2026-11-27T10:15:00.000Z").matches(TaskTimesTest.MILLIS);
  }
}
