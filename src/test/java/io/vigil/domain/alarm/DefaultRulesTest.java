package io.vigil.domain.alarm;

import io.vigil.domain.Severity;
import io.vigil.domain.alarm.NotificationIntent.Kind;
import io.vigil.domain.health.HealthStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.vigil.domain.alarm.AlarmMetrics.*;
import static io.vigil.domain.alarm.DefaultRules.*;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

class DefaultRulesTest {

  /** A series at a value just past the rule's threshold, and one just inside it. */
  record Case(String rule, String metric, String[] labels, double breaching, double quiet, Duration firesAfter,
              Severity severity, String summary) {
    @Override
    public String toString() {
      return rule + " fires on " + metric + " = " + breaching + " after " + firesAfter;
    }
  }

  static Stream<Case> conditions() {
    return Stream.of(
        new Case(QUEUE_BACKUP, QUEUE_BACKLOG, q(), 101, 100, min(1), Severity.WARNING,
            "Queue orders is backing up: 101 tasks waiting (threshold 100)"),
        new Case(HIGH_ERROR_RATE, QUEUE_ERROR_RATE, q(), 0.12, 0.10, min(2), Severity.WARNING,
            "Queue orders: 12% of attempts failed in the last minute"),
        new Case(PROCESSING_TIMEOUT, QUEUE_IDLE_SECONDS, q(), 300, 299, min(0), Severity.CRITICAL,
            "Queue orders has processed nothing for 300 s while tasks wait"),
        new Case(CPU_HIGH, SYSTEM_CPU, node(), 0.95, 0.90, min(5), Severity.WARNING, "CPU at 95% on n1 for 5 minutes"),
        new Case(MEMORY_HIGH, SYSTEM_MEMORY, node(), 0.93, 0.90, min(5), Severity.WARNING, "Memory 93% used on n1"),
        new Case(DISK_LOW, DISK_FREE_RATIO, new String[] {"node", "n1", "path", "/var"}, 0.09, 0.10, min(1),
            Severity.WARNING, "Only 9% free on /var (n1)"),
        new Case(FOREIGN_QUEUE_BACKUP, FOREIGN_DEPTH, new String[] {"component", "rabbit", "queue", "invoices"}, 1001,
            1000, min(5), Severity.WARNING, "Foreign queue invoices (rabbit) holds 1001 messages"),
        new Case(DefaultRules.BREAKER_OPEN, BREAKER_STATE, new String[] {"breaker", "api.example"},
            AlarmMetrics.BREAKER_OPEN, BREAKER_HALF_OPEN, min(1), Severity.WARNING,
            "Circuit breaker api.example is open: calls fail fast"),
        new Case(DEAD_LETTERS, QUEUE_DEAD_LETTERS, q(), 1, 0, min(0), Severity.INFO, "Dead letters in queue orders: 1"),
        new Case(STORE_BUFFERING, STORE_BUFFERED, node(), 12, 0, min(1), Severity.WARNING,
            "The store holds 12 rows in memory: PostgreSQL does not take writes"),
        new Case(CHANNEL_FAILING, NOTIFY_FAILURES, new String[] {"channel", "telegram"}, 3, 2, min(0), Severity.CRITICAL,
            "Notification channel telegram failed 3 deliveries in a row"));
  }

  @ParameterizedTest
  @MethodSource("conditions")
  void eachDefaultRuleFiresOnTheConditionItNamesAndNotJustBelowIt(Case c) {
    EngineHarness quiet = defaults();
    quiet.sample(c.metric(), c.quiet(), c.labels());
    quiet.tickEvery(sec(10), Duration.ofHours(1));
    assertThat(quiet.log).as("a value just inside the threshold opens nothing").isEmpty();

    EngineHarness h = defaults();
    h.sample(c.metric(), c.breaching(), c.labels());
    if (!c.firesAfter().isZero()) {
      h.at(c.firesAfter().minusSeconds(1));
      assertThat(firing(h, c.rule())).as("not before its for").isEmpty();
    }
    h.at(c.firesAfter());

    assertThat(firing(h, c.rule())).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(c.severity());
      assertThat(a.summary()).isEqualTo(c.summary());
    });
  }

  @Test
  void systemErrorsFireAtOnceWhenTheDatabaseRedisOrWorkersAreUnhealthy() {
    EngineHarness h = defaults();

    h.component("database", "postgres", HealthStatus.UNHEALTHY);
    h.component("redis", "redis", HealthStatus.UNHEALTHY);
    h.component("workers", "eventbus", HealthStatus.UNHEALTHY);
    h.component("cache", "redis", HealthStatus.DEGRADED);

    assertThat(firing(h, SYSTEM_ERROR)).extracting(a -> a.series().get("component"), Alarm::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("database", Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple("redis", Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple("workers", Severity.CRITICAL));
    assertThat(firing(h, SYSTEM_ERROR).get(0).summary()).endsWith("is unhealthy: tasks and their history are at risk");
  }

  @Test
  void externalServicesAndForeignQueuesFireByTheirComponentKind() {
    EngineHarness h = defaults();

    h.component("validator", "http", HealthStatus.UNHEALTHY);
    h.component("rabbit", "amqp", HealthStatus.UNHEALTHY);
    h.component("jobs", "bullmq", HealthStatus.UNHEALTHY);

    assertThat(firing(h, EXTERNAL_SERVICE_DOWN)).extracting(a -> a.series().get("component"))
        .containsExactly("validator");
    assertThat(firing(h, FOREIGN_QUEUE_UNHEALTHY)).extracting(a -> a.series().get("component"))
        .containsExactlyInAnyOrder("rabbit", "jobs");
    assertThat(firing(h, SYSTEM_ERROR)).isEmpty();
  }

  @Test
  void anAlmostFullDiskRaisesBothTheWarningAndTheCriticalAlarm() {
    EngineHarness h = defaults();

    h.sample(DISK_FREE_RATIO, 0.04, "node", "n1", "path", "/var");
    h.at(min(1));

    assertThat(h.engine.openAlarms()).extracting(Alarm::rule, Alarm::severity).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(DISK_LOW, Severity.WARNING),
        org.assertj.core.groups.Tuple.tuple(DISK_CRITICAL, Severity.CRITICAL));
  }

  @Test
  void aFailingChannelIsReportedOnTheOtherChannels() {
    EngineHarness h = defaults();

    h.sample(NOTIFY_FAILURES, 5, "channel", "slack");

    assertThat(h.notifications(Kind.FIRING)).singleElement()
        .satisfies(n -> assertThat(n.channels()).containsExactly("telegram"));
  }

  @Test
  void theDefaultsAreValidUniquelyNamedAndTellPeopleWhatToDo() {
    List<AlarmRule> rules = DefaultRules.all();

    assertThat(rules).extracting(AlarmRule::name).doesNotHaveDuplicates().hasSize(16);
    assertThat(rules).allSatisfy(r -> {
      assertThat(r.annotations()).containsKeys(AlarmRule.SUMMARY, AlarmRule.SUGGESTED_ACTION);
      assertThat(r.stop()).as("stopping the line is a deployment's choice").isFalse();
    });
    assertThat(new AlarmEngine(rules, ROUTING, java.time.Clock.systemUTC()).rules()).hasSize(16);
  }

  private static EngineHarness defaults() {
    return new EngineHarness(ROUTING, DefaultRules.all());
  }

  private static List<Alarm> firing(EngineHarness h, String rule) {
    return h.engine.openAlarms().stream().filter(a -> a.rule().equals(rule) && a.state() == AlarmState.FIRING)
        .toList();
  }

  private static String[] q() {
    return new String[] {"queue", "orders"};
  }

  private static String[] node() {
    return new String[] {"node", "n1"};
  }
}
