package io.vigil.domain.alarm;

import io.vigil.domain.alarm.FlagChange.Flag;
import io.vigil.domain.alarm.NotificationIntent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.health.HealthStatus.DEGRADED;
import static io.vigil.domain.health.HealthStatus.HEALTHY;
import static io.vigil.domain.health.HealthStatus.UNHEALTHY;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Dependency suppression, and the resolves Alertmanager loses for inhibited alerts (alertmanager#2754). */
class SuppressionTest {
  private final EngineHarness h = new EngineHarness(ROUTING, componentDown().build());

  @Test
  void aNewAlarmOfAChildIsSuppressedWhileItsParentIsUnhealthy() {
    h.component("database", "postgres", UNHEALTHY);

    h.component("workers", "eventbus", UNHEALTHY, "database");

    Alarm workers = alarmOf("workers");
    assertThat(workers.suppressed()).isTrue();
    assertThat(workers.state()).isEqualTo(AlarmState.FIRING);
    assertThat(h.notifications()).flatExtracting(NotificationIntent::alarms)
        .extracting(a -> a.series().get("component")).containsExactly("database");
  }

  @Test
  void theSuppressionNamesTheParentInTheTimeline() {
    h.component("database", "postgres", UNHEALTHY);
    h.component("workers", "eventbus", UNHEALTHY, "database");

    assertThat(h.log).filteredOn(FlagChange.class::isInstance).map(FlagChange.class::cast)
        .singleElement().satisfies(f -> {
          assertThat(f.flag()).isEqualTo(Flag.SUPPRESSED);
          assertThat(f.entry().note()).isEqualTo("parent unhealthy: database");
        });
  }

  @Test
  void whenTheParentRecoversAndTheChildStillFailsTheChildIsSentThen() {
    h.component("database", "postgres", UNHEALTHY);
    h.component("workers", "eventbus", UNHEALTHY, "database");
    h.clock.advance(min(3));

    Decisions d = h.component("database", "postgres", HEALTHY);

    assertThat(d.notifications()).extracting(NotificationIntent::kind, n -> n.alarms().get(0).series().get("component"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.RESOLVED, "database"),
            org.assertj.core.groups.Tuple.tuple(Kind.FIRING, "workers"));
    assertThat(alarmOf("workers").suppressed()).isFalse();
  }

  @Test
  void aSuppressedChildThatResolvesBeforeItWasEverSentSendsNoResolve() {
    h.component("database", "postgres", UNHEALTHY);
    h.component("workers", "eventbus", UNHEALTHY, "database");

    h.component("workers", "eventbus", HEALTHY, "database");

    assertThat(h.notifications()).flatExtracting(NotificationIntent::alarms)
        .extracting(a -> a.series().get("component")).containsOnly("database");
  }

  @Test
  void notifiedThenSuppressedThenResolvedStillSendsTheResolve() {
    h.component("database", "postgres", HEALTHY);
    h.component("workers", "eventbus", UNHEALTHY, "database");
    assertThat(h.notifications(Kind.FIRING)).hasSize(1);
    h.clock.advance(min(1));
    h.component("database", "postgres", UNHEALTHY);
    assertThat(alarmOf("workers").suppressed()).isTrue();
    h.clock.advance(min(1));

    Decisions d = h.component("workers", "eventbus", HEALTHY, "database");

    assertThat(d.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.RESOLVED);
      assertThat(n.channels()).containsExactly("slack", "telegram");
      assertThat(n.alarms().get(0).series().get("component")).isEqualTo("workers");
      assertThat(n.alarms().get(0).suppressed()).isTrue();
    });
  }

  @Test
  void aSuppressedAlarmThatWasAlreadySentGetsNoRemindersOrEscalation() {
    EngineHarness e = new EngineHarness(ROUTING,
        componentDown().escalate(EscalationTier.after(min(15), "pager")).build());
    e.component("database", "postgres", HEALTHY);
    e.component("workers", "eventbus", UNHEALTHY, "database");
    e.component("database", "postgres", UNHEALTHY);

    e.tickEvery(min(1), min(60));

    assertThat(e.notifications()).filteredOn(n -> n.alarms().get(0).series().get("component").equals("workers"))
        .extracting(NotificationIntent::kind).containsExactly(Kind.FIRING);
  }

  @Test
  void onlyADirectParentSuppresses() {
    h.component("network", "tcp", UNHEALTHY);
    h.component("database", "postgres", HEALTHY, "network");

    h.component("workers", "eventbus", UNHEALTHY, "database");

    assertThat(alarmOf("workers").suppressed()).isFalse();
  }

  @Test
  void aDegradedParentDoesNotSuppress() {
    h.component("database", "postgres", DEGRADED);

    h.component("workers", "eventbus", UNHEALTHY, "database");

    assertThat(alarmOf("workers").suppressed()).isFalse();
  }

  @Test
  void alarmsOfOtherMetricsAreSuppressedThroughTheirComponentLabel() {
    AlarmRule queueRule = backlog().forDuration(Duration.ZERO).label("component", "orders-queue").build();
    EngineHarness q = new EngineHarness(ROUTING, queueRule, componentDown().build());
    q.component("redis", "redis", UNHEALTHY);
    q.component("orders-queue", "queue", HEALTHY, "redis");

    q.sample(QUEUE_BACKLOG, 500, "queue", "orders");

    Alarm backlog = q.engine.openAlarms().stream().filter(a -> a.rule().equals("backlog")).findFirst().orElseThrow();
    assertThat(backlog.suppressed()).isTrue();
    assertThat(q.notifications()).flatExtracting(NotificationIntent::alarms).extracting(Alarm::rule)
        .containsOnly("component-down");
  }

  @Test
  void theParentsOwnAlarmIsNeverSuppressedByItsChildren() {
    h.component("workers", "eventbus", UNHEALTHY, "database");
    h.component("database", "postgres", UNHEALTHY);

    assertThat(alarmOf("database").suppressed()).isFalse();
    assertThat(h.notifications(Kind.FIRING)).hasSize(2);
    assertThat(h.notifications(Kind.FIRING).get(1).at()).isEqualTo(t(Duration.ZERO));
  }

  private Alarm alarmOf(String component) {
    return h.engine.openAlarms().stream().filter(a -> a.series().get("component").equals(component)).findFirst()
        .orElseThrow(() -> new AssertionError("no open alarm for " + component));
  }
}
