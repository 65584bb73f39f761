package io.vigil.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code recovery:} section: plans per component, every action's keys, references, and live reloads. */
class RecoveryConfigTest {
  private static final String DEPENDENCY = """
      components:
        payments:
          probe: {type: http, url: "http://127.0.0.1:1/health"}
      task_types:
        charge: {queue: default, handler: http, target: "http://127.0.0.1:1/charge"}
      """;

  @Test
  void aComponentThatAPlanMakesAutoRecoverableKeepsItsProbesCircuitBreaker() {
    VigilConfig config = ComponentsConfigTest.load("""
        components:
          payments:
            breaker: true
            probe: {type: http, url: "http://127.0.0.1:1/health"}
        recovery:
          plans:
            payments:
              actions: [{action: reset-breaker, breaker: "probe:payments"}]
        """);

    assertThat(config.components().get("payments").autoRecoverable()).isTrue();
    assertThat(config.components().get("payments").breaker()).as("its probe still goes through probe:payments").isTrue();
  }

  @Test
  void aPlanReadsItsActionsInOrderWithTheirSettingsBudgetAndCooldown() {
    VigilConfig config = ComponentsConfigTest.load(DEPENDENCY + """
        recovery:
          plans:
            payments:
              budget: {runs: 2, window: 10m}
              cooldown: 30s
              actions:
                - {action: reset-breaker, breaker: "http:127.0.0.1:1"}
                - {action: failover, secondary: "http://127.0.0.1:2/health", task_types: [charge], max_attempts: 2, backoff: 1s, timeout: 5s}
                - {action: drain-to-dlq, queue: default, older_than: 30m}
                - {action: manual}
        """);

    RecoveryConfig.Plan plan = config.recovery().plan("payments").orElseThrow();
    assertThat(plan.actions()).extracting(RecoveryConfig.Action::name)
        .containsExactly("reset-breaker", "failover", "drain-to-dlq", "manual");
    assertThat(plan.budgetRuns()).isEqualTo(2);
    assertThat(plan.budgetWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(plan.cooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plan.actions().get(1).step().maxAttempts()).isEqualTo(2);
    assertThat(plan.actions().get(1).params()).isInstanceOfSatisfying(RecoveryConfig.Failover.class, f -> {
      assertThat(f.probe()).isTrue();
      assertThat(f.primary()).isEqualTo("http://127.0.0.1:1/health");
      assertThat(f.taskTypes()).containsExactly("charge");
    });
    assertThat(config.components().get("payments").autoRecoverable()).as("a plan with an automatic action").isTrue();
    assertThat(config.recovery().plans()).containsKeys("vigil-redis", "vigil-store"); // the bundled ones
  }

  @Test
  void everyMistakeIsNamedWhereItIsWritten() {
    List<String> problems = ComponentsConfigTest.problems(DEPENDENCY + """
        recovery:
          plans:
            paymnts:
              actions: [{action: manual}]
            payments:
              actions:
                - {action: restart}
                - {action: exec, command: [systemctl, restart, app]}
                - {action: drain-to-dlq, queue: nope}
                - {action: failover, secondary: "ftp://x", task_types: [noop]}
                - {action: reconnect, target: redis, breaker: x}
        """);

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("recovery.plans.paymnts").contains("did you mean payments"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[0].action").contains("'restart' is not known"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[1]").contains("recovery.allow_exec: true"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[2].queue"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[3].secondary"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[3].task_types[0]").contains("no http target"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[4].breaker"));
  }

  @Test
  void plansAreLiveAndABadOneRefusesTheReload() {
    LoadedConfig running = ConfigReloadTest.load(DEPENDENCY);
    ConfigReload.Outcome outcome = ConfigReload.apply(running, ConfigReloadTest.load(DEPENDENCY + """
        recovery:
          plans:
            payments: {actions: [{action: manual}]}
        """));
    assertThat(outcome.changes().sections()).contains("recovery");
    assertThat(outcome.changes().restartRequired()).isEmpty();
    assertThat(outcome.running().config().recovery().plan("payments")).isPresent();

    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
        () -> ConfigReloadTest.load(DEPENDENCY + "recovery: {plans: {payments: {actions: []}}}")).problems())
        .anySatisfy(p -> assertThat(p).contains("at least one action"));
  }

  private static final String RABBIT = """
      components:
        orders-queue:
          probe: {type: amqp, url: "amqp://guest:guest@127.0.0.1:5672", queue: orders}
      """;

  @Test
  void purgeForeignClearsTheAmqpProbesQueueOnlyWhenTheActionAllowsIt() {
    VigilConfig config = ComponentsConfigTest.load(RABBIT + """
        recovery:
          plans:
            orders-queue:
              actions:
                - {action: purge-foreign, allow_purge: true, older_than: 10m, move_to: orders.stuck, max: 50}
                - {action: purge-foreign, allow_purge: true, over_depth: 1000, purge: true}
        """);

    List<RecoveryConfig.Action> actions = config.recovery().plan("orders-queue").orElseThrow().actions();
    assertThat(actions.get(0).params()).isEqualTo(new RecoveryConfig.PurgeForeign("amqp://guest:guest@127.0.0.1:5672",
        "orders", Duration.ofMinutes(10), -1, "orders.stuck", 50));
    assertThat(actions.get(1).params()).isInstanceOfSatisfying(RecoveryConfig.PurgeForeign.class, p -> {
      assertThat(p.purges()).isTrue();
      assertThat(p.overDepth()).isEqualTo(1000);
      assertThat(p.olderThan()).isNull();
    });
    assertThat(actions.get(0).params().toString()).doesNotContain("guest:guest");
  }

  @Test
  void purgeForeignIsRefusedAtLoadUnlessAllowedAndSaysWhichMessagesAndWhereTheyGo() {
    List<String> problems = ComponentsConfigTest.problems(RABBIT + DEPENDENCY.replace("components:\n", "") + """
        recovery:
          plans:
            orders-queue:
              actions:
                - {action: purge-foreign, older_than: 10m, move_to: orders.stuck}
                - {action: purge-foreign, allow_purge: true, move_to: orders}
                - {action: purge-foreign, allow_purge: true, older_than: 1m}
            payments:
              actions:
                - {action: purge-foreign, allow_purge: true, over_depth: 10, purge: true}
        """);

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("orders-queue.actions[0].allow_purge")
        .contains("off unless"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[1]").contains("older_than"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[1].move_to").contains("being cleared"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("actions[2]").contains("purge: true"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("payments.actions[0]").contains("amqp probe"));
  }
}
