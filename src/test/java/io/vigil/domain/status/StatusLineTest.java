package io.vigil.domain.status;

import io.vigil.domain.SystemMode;
import io.vigil.domain.health.HealthStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The status line, in each state")
class StatusLineTest {
  static final Instant NOW = Instant.parse("2025-03-01T15:30:00Z");
  static final Instant AT_1403 = Instant.parse("2025-03-01T14:03:00Z");
  static final ModeFacts NORMAL = ModeFacts.normal(Instant.parse("2025-03-01T08:00:00Z"));

  static ComponentHealth db(HealthStatus status) {
    return new ComponentHealth("db", "Database", true, status, AT_1403, status == HealthStatus.UNHEALTHY ? "refused" : null,
        status == HealthStatus.HEALTHY ? null : "check the server and credentials; Vigil reconnects by itself");
  }

  static ComponentHealth healthy(String id, String name, boolean critical) {
    return new ComponentHealth(id, name, critical, HealthStatus.HEALTHY, Instant.parse("2025-03-01T09:00:00Z"), null, null);
  }

  static SystemStatus compose(ModeFacts mode, List<ComponentHealth> components, Set<String> notified) {
    return StatusLine.compose(mode, components, notified, NOW);
  }

  @Test
  void allHealthyIsAllSystemsNormalAndWorkCanBePublished() {
    SystemStatus status = compose(NORMAL, List.of(db(HealthStatus.HEALTHY), healthy("api", "API", false)), Set.of());

    assertThat(status.message()).isEqualTo("All systems normal.");
    assertThat(status.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(status.canAcceptWork()).isTrue();
    assertThat(status.canPublish()).isTrue();
    assertThat(status.componentsDown()).isEmpty();
    assertThat(status.suggestedActions()).isEmpty();
  }

  @Test
  void aCriticalComponentDownSaysSinceWhenWhatHappensToTasksAndRefusesWork() {
    SystemStatus status = compose(NORMAL, List.of(db(HealthStatus.UNHEALTHY), healthy("api", "API", true)), Set.of());

    assertThat(status.message()).isEqualTo("Database has been down since 14:03 UTC; tasks are held and retried.");
    assertThat(status.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(status.since()).isEqualTo(AT_1403);
    assertThat(status.canAcceptWork()).isFalse();
    assertThat(status.canPublish()).isFalse();
    assertThat(status.componentsDown()).containsExactly("db");
    assertThat(status.suggestedActions()).singleElement().satisfies(a -> {
      assertThat(a.component()).isEqualTo("db");
      assertThat(a.action()).contains("check the server");
    });
  }

  @Test
  void operatorsHaveBeenNotifiedIsSaidOnlyWhenItIsKnownTrue() {
    SystemStatus told = compose(NORMAL, List.of(db(HealthStatus.UNHEALTHY)), Set.of("db"));
    SystemStatus untold = compose(NORMAL, List.of(db(HealthStatus.UNHEALTHY)), Set.of("other"));

    assertThat(told.message())
        .isEqualTo("Database has been down since 14:03 UTC; tasks are held and retried; operators have been notified.");
    assertThat(untold.message()).doesNotContain("notified");
  }

  @Test
  void downSinceAnotherDayNamesTheDate() {
    ComponentHealth db = new ComponentHealth("db", "Database", true, HealthStatus.UNHEALTHY,
        Instant.parse("2025-02-28T23:50:00Z"), "refused", "act");

    assertThat(compose(NORMAL, List.of(db), Set.of()).message()).startsWith("Database has been down since 2025-02-28 23:50 UTC;");
  }

  @Test
  void severalDownAreNamedTogetherFromTheEarliestAndBeyondThreeCounted() {
    List<ComponentHealth> down = List.of(
        new ComponentHealth("a", "A", true, HealthStatus.UNHEALTHY, Instant.parse("2025-03-01T14:10:00Z"), "x", "act"),
        new ComponentHealth("b", "B", true, HealthStatus.UNHEALTHY, AT_1403, "x", "act"),
        new ComponentHealth("c", "C", true, HealthStatus.UNHEALTHY, Instant.parse("2025-03-01T14:20:00Z"), "x", "act"),
        new ComponentHealth("d", "D", true, HealthStatus.UNHEALTHY, Instant.parse("2025-03-01T14:30:00Z"), "x", "act"),
        new ComponentHealth("e", "E", true, HealthStatus.UNHEALTHY, Instant.parse("2025-03-01T14:40:00Z"), "x", "act"));

    assertThat(compose(NORMAL, down.subList(0, 2), Set.of()).message())
        .isEqualTo("B and A have been down since 14:03 UTC; tasks are held and retried.");
    assertThat(compose(NORMAL, down, Set.of()).message())
        .isEqualTo("B, A, C and 2 more have been down since 14:03 UTC; tasks are held and retried.");
  }

  @Test
  void stoppedRefusesWorkAndSaysWhoStoppedItAndWhy() {
    ModeFacts stopped = new ModeFacts(SystemMode.STOPPED, false, false, AT_1403, "ops", "disk replacement");

    SystemStatus status = compose(stopped, List.of(db(HealthStatus.HEALTHY)), Set.of());

    assertThat(status.message()).isEqualTo(
        "Vigil has been stopped since 14:03 UTC by ops: disk replacement; new work is refused until an admin resumes it.");
    assertThat(status.canAcceptWork()).isFalse();
    assertThat(status.canPublish()).isFalse();
    assertThat(status.since()).isEqualTo(AT_1403);
  }

  @Test
  void pausedAcceptsWorkButItIsNotPublishedUntilResumed() {
    ModeFacts paused = new ModeFacts(SystemMode.PAUSED, false, false, AT_1403, "ops", "deploy");

    SystemStatus status = compose(paused, List.of(db(HealthStatus.HEALTHY)), Set.of());

    assertThat(status.message()).isEqualTo(
        "Processing has been paused since 14:03 UTC by ops: deploy; new tasks are accepted and held until it resumes.");
    assertThat(status.canAcceptWork()).isTrue();
    assertThat(status.canPublish()).isFalse();
  }

  @Test
  void theQueueBackendLostSaysTasksRunDirectlyOrAreRefusedAsTheFallbackDoes() {
    ModeFacts direct = new ModeFacts(SystemMode.SYNC_DIRECT, true, false, AT_1403, "system", "backend lost");
    ModeFacts refusing = new ModeFacts(SystemMode.SYNC_DIRECT, true, true, AT_1403, "system", "backend lost");

    SystemStatus runsDirect = compose(direct, List.of(db(HealthStatus.HEALTHY)), Set.of());
    SystemStatus refuses = compose(refusing, List.of(db(HealthStatus.HEALTHY)), Set.of());

    assertThat(runsDirect.message()).isEqualTo(
        "The queue backend has been unreachable since 14:03 UTC; tasks run directly, without the queue, until it returns.");
    assertThat(runsDirect.canAcceptWork()).isTrue();
    assertThat(refuses.message()).endsWith("new tasks are refused until it returns.");
    assertThat(refuses.canAcceptWork()).isFalse();
  }

  @Test
  void aCriticalComponentDegradedStillAcceptsWork() {
    SystemStatus status = compose(NORMAL, List.of(db(HealthStatus.DEGRADED)), Set.of());

    assertThat(status.message()).isEqualTo("Working, but Database has been degraded since 14:03 UTC.");
    assertThat(status.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(status.canAcceptWork()).isTrue();
    assertThat(status.canPublish()).isTrue();
    assertThat(status.suggestedActions()).hasSize(1);
  }

  @Test
  void aCriticalComponentUnknownIsSaidButDoesNotStopWork() {
    SystemStatus status = compose(NORMAL, List.of(db(HealthStatus.UNKNOWN)), Set.of());

    assertThat(status.message()).isEqualTo("Database has not been checked successfully since 14:03 UTC; work goes on.");
    assertThat(status.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(status.canAcceptWork()).isTrue();
  }

  @Test
  void aNonCriticalComponentDownIsReportedWithoutStoppingWork() {
    ComponentHealth cache = new ComponentHealth("cache", "Cache", false, HealthStatus.UNHEALTHY, AT_1403, "refused", "act");

    SystemStatus status = compose(NORMAL, List.of(db(HealthStatus.HEALTHY), cache), Set.of());

    assertThat(status.message()).isEqualTo("Working normally; Cache (not critical) has been down since 14:03 UTC.");
    assertThat(status.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(status.canAcceptWork()).isTrue();
    assertThat(status.componentsDown()).containsExactly("cache");
  }
}
