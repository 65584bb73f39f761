package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.status.ComponentHealth;
import io.vigil.store.TaskTimesTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /api/status} answer composed from the mode, the components and the open alarms (no node needed). */
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
        Set.of(), ON_THE_SECOND.plusSeconds(60));

    assertThat(status.getString("since")).isEqualTo("2026-11-27T10:15:00.000Z").matches(TaskTimesTest.MILLIS);
  }

  @Test
  void operatorsAreSaidToBeNotifiedOnlyOfAComponentWhoseAlarmWentToAChannel() {
    JsonArray alarms = new JsonArray()
        .add(alarm("payments", true, "ops-hook"))
        .add(alarm("search", true))            // notified, but no channel was routed: nobody heard of it
        .add(alarm("mail", false))             // firing, its message held (group window, silence)
        .add(new JsonObject().put("labels", new JsonObject().put("queue", "orders")).put("notified", true)
            .put("told", new JsonArray().add("ops-hook")));

    assertThat(StatusQuery.notified(alarms)).containsExactly("payments");
  }

  @Test
  void theStatusLineSaysOperatorsHaveBeenNotifiedWhenTheDownComponentsAlarmWasSent() {
    StatusQuery.Components down = new StatusQuery.Components(List.of(paymentsDown()), null);
    Instant now = ON_THE_SECOND.plusSeconds(60);

    assertThat(StatusQuery.toJson(NORMAL, down, Set.of("payments"), now).getString("message"))
        .endsWith("; operators have been notified.");
    assertThat(StatusQuery.toJson(NORMAL, down, Set.of(), now).getString("message"))
        .doesNotContain("notified").endsWith(".");
  }

  static JsonObject alarm(String component, boolean notified, String... told) {
    return new JsonObject().put("state", "firing").put("labels", new JsonObject().put("component", component))
        .put("notified", notified).put("told", new JsonArray(List.of((Object[]) told)));
  }
}
