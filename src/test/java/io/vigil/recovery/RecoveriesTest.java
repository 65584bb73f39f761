package io.vigil.recovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.config.RecoveryConfig;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.recovery.Admission;
import io.vigil.domain.recovery.PlanStep;
import io.vigil.recovery.action.ActionResult;
import io.vigil.recovery.action.RecoveryAction;
import io.vigil.store.attempts.AttemptOutcome;
import io.vigil.store.attempts.AttemptQuery;
import io.vigil.store.attempts.RecoveryAttempt;
import io.vigil.store.attempts.RecoveryStore;
import io.vigil.store.memory.MemoryStores;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveriesTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-27T12:00:00Z");
  private final FakeTimers timers = new FakeTimers(clock);
  private final RecoveryStore store = MemoryStores.create(10_000).recovery();
  private final Set<String> healthy = new HashSet<>();
  private final Map<String, Integer> ran = new HashMap<>();
  private final Map<String, Promise<ActionResult>> hanging = new HashMap<>();
  private final List<String> runs = new ArrayList<>();
  private final List<RecoveryAttempt> finished = new ArrayList<>();
  private final List<String> escalations = new ArrayList<>();
  private boolean stopped;

  private static RecoveryConfig.Action action(String name, int attempts, Duration backoff, RecoveryConfig.Params p) {
    return new RecoveryConfig.Action(new PlanStep(name, attempts, backoff, Duration.ofSeconds(10)), p);
  }

  private static final RecoveryConfig.Action RECONNECT =
      action("reconnect", 2, Duration.ofSeconds(5), new RecoveryConfig.Reconnect("redis"));
  private static final RecoveryConfig.Action HOOK =
      action("http-hook", 1, Duration.ZERO, new RecoveryConfig.HttpHook("http://127.0.0.1:1/fix", null));
  private static final RecoveryConfig.Action MANUAL = action("manual", 1, Duration.ZERO, new RecoveryConfig.Manual());

  private static RecoveryConfig config(RecoveryConfig.Plan... plans) {
    Map<String, RecoveryConfig.Plan> byComponent = new HashMap<>();
    for (RecoveryConfig.Plan p : plans) byComponent.put(p.component(), p);
    return new RecoveryConfig(true, false, Duration.ofSeconds(10), byComponent);
  }

  private static RecoveryConfig.Plan plan(String component, int runs, Duration cooldown, RecoveryConfig.Action... actions) {
    return new RecoveryConfig.Plan(component, List.of(actions), runs, Duration.ofMinutes(15), cooldown);
  }

  /** Each action counts its runs; "heals" names the action after which the component answers. */
  private Recoveries recoveries(RecoveryConfig config, Map<String, String> heals) {
    return new Recoveries(clock, timers, store, config, a -> (RecoveryAction) context -> {
      ran.merge(context.component() + ":" + a.name(), 1, Integer::sum);
      if (a.params() instanceof RecoveryConfig.Manual) return Future.succeededFuture(ActionResult.escalate("manual"));
      if (a.name().equals("hang")) {
        Promise<ActionResult> p = Promise.promise();
        hanging.put(context.component(), p);
        return p.future();
      }
      if (a.name().equals(heals.get(context.component()))) healthy.add(context.component());
      return Future.succeededFuture(ActionResult.ok(a.name() + " done"));
    }, new Recoveries.Ports() {
      @Override
      public Future<Boolean> probe(String component) {
        return Future.succeededFuture(healthy.contains(component));
      }

      @Override
      public boolean systemStopped() {
        return stopped;
      }
    }, new Recoveries.Events() {
      @Override
      public void runChanged(String runId, String component, String state, String trigger, String actor,
                             List<String> attempts) {
        runs.add(component + ":" + state);
      }

      @Override
      public void attemptFinished(RecoveryAttempt attempt, int attemptNumber, boolean actionOk, boolean healed) {
        finished.add(attempt);
      }

      @Override
      public void escalated(String component, String runId, List<String> attempts, String reason, boolean open) {
        escalations.add(component + ":" + reason + ":" + open + ":" + attempts);
      }
    });
  }

  private List<RecoveryAttempt> stored() {
    return store.list(new AttemptQuery(null, null, 1000)).result();
  }

  @Test
  void a_component_turning_unhealthy_runs_its_plan_and_the_first_action_that_heals_it_ends_the_run() {
    Recoveries r = recoveries(config(plan("redis", 3, Duration.ZERO, RECONNECT, HOOK)), Map.of("redis", "reconnect"));
    r.statusChanged("redis", HealthStatus.UNHEALTHY);
    timers.runDue();

    assertThat(ran).containsExactly(Map.entry("redis:reconnect", 1));
    assertThat(runs).containsExactly("redis:running", "redis:healed");
    assertThat(finished).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
      assertThat(a.action()).isEqualTo("reconnect");
      assertThat(a.trigger()).isEqualTo("unhealthy");
    });
    assertThat(stored()).singleElement().extracting(RecoveryAttempt::outcome).isEqualTo(AttemptOutcome.SUCCEEDED);
    assertThat(escalations).isEmpty();
  }

  @Test
  void an_action_that_does_not_heal_is_retried_after_its_backoff_then_the_next_action_runs() {
    Recoveries r = recoveries(config(plan("api", 3, Duration.ZERO, RECONNECT, HOOK)), Map.of("api", "http-hook"));
    r.statusChanged("api", HealthStatus.UNHEALTHY);
    timers.runDue();
    assertThat(ran).containsExactly(Map.entry("api:reconnect", 1));

    timers.advance(Duration.ofMillis(4_999));
    assertThat(ran.get("api:reconnect")).isEqualTo(1);
    timers.advance(Duration.ofMillis(1));
    timers.runDue();
    assertThat(ran).containsEntry("api:reconnect", 2).containsEntry("api:http-hook", 1);
    assertThat(runs).containsExactly("api:running", "api:healed");
    assertThat(finished).extracting(RecoveryAttempt::outcome)
        .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.FAILED, AttemptOutcome.SUCCEEDED);
    assertThat(finished).extracting(RecoveryAttempt::runId).containsOnly(finished.get(0).runId());
  }

  @Test
  void a_manual_plan_escalates_at_once_naming_the_attempt() {
    Recoveries r = recoveries(config(plan("validator", 3, Duration.ZERO, MANUAL)), Map.of());
    r.statusChanged("validator", HealthStatus.UNHEALTHY);
    timers.runDue();

    assertThat(finished).singleElement().satisfies(a -> assertThat(a.error()).contains("manual intervention"));
    assertThat(escalations).containsExactly("validator:manual:true:[" + finished.get(0).id() + "]");
    assertThat(runs).containsExactly("validator:running", "validator:exhausted");

    r.statusChanged("validator", HealthStatus.HEALTHY);
    assertThat(escalations).hasSize(2).last().asString().startsWith("validator:manual:false:");
  }

  @Test
  void a_flapping_dependency_spends_the_budget_then_escalates_once_and_runs_again_after_the_window() {
    Recoveries r = recoveries(config(plan("db", 3, Duration.ZERO, HOOK)), Map.of("db", "http-hook"));
    for (int i = 0; i < 3; i++) {
      healthy.remove("db");
      r.statusChanged("db", HealthStatus.UNHEALTHY);
      timers.runDue();
      r.statusChanged("db", HealthStatus.HEALTHY);
      timers.advance(Duration.ofMinutes(1));
    }
    assertThat(ran.get("db:http-hook")).isEqualTo(3);

    for (int i = 0; i < 3; i++) {
      healthy.remove("db");
      r.statusChanged("db", HealthStatus.UNHEALTHY);
      timers.runDue();
      r.statusChanged("db", HealthStatus.UNKNOWN);
    }
    r.statusChanged("db", HealthStatus.UNHEALTHY);
    timers.advance(Duration.ofMinutes(5));
    assertThat(ran.get("db:http-hook")).as("no attempt while the budget is spent").isEqualTo(3);
    assertThat(escalations).singleElement().asString().startsWith("db:budget:true:");

    timers.advance(Duration.ofMinutes(10));
    assertThat(ran.get("db:http-hook")).as("the first run left the window: the plan runs again").isEqualTo(4);
  }

  @Test
  void while_the_budget_is_spent_a_dependency_flapping_through_healthy_is_escalated_once_until_the_window_passes() {
    Recoveries r = recoveries(config(plan("db", 1, Duration.ZERO, HOOK)), Map.of("db", "http-hook"));
    healthy.remove("db");
    r.statusChanged("db", HealthStatus.UNHEALTHY);
    timers.runDue();
    r.statusChanged("db", HealthStatus.HEALTHY);
    assertThat(ran.get("db:http-hook")).isEqualTo(1);

    for (int i = 0; i < 4; i++) {
      timers.advance(Duration.ofMinutes(1));
      r.statusChanged("db", HealthStatus.UNHEALTHY);
      timers.runDue();
      r.statusChanged("db", HealthStatus.HEALTHY);
    }
    assertThat(ran.get("db:http-hook")).as("no attempt while the budget is spent").isEqualTo(1);
    assertThat(escalations).as("paged once, not at every flap").singleElement().asString().startsWith("db:budget:true:");

    timers.advance(Duration.ofMinutes(12)); // the one run started 16 minutes ago: the window has room
    assertThat(escalations).as("answering once the budget has room again closes it").hasSize(2).last().asString()
        .startsWith("db:budget:false:");
    assertThat(ran.get("db:http-hook")).isEqualTo(1);
  }

  @Test
  void two_failures_at_once_run_both_plans_and_neither_waits_for_the_other() {
    Recoveries r = recoveries(config(plan("a", 3, Duration.ZERO, action("hang", 1, Duration.ZERO,
            new RecoveryConfig.Reconnect("pg"))), plan("b", 3, Duration.ZERO, HOOK)), Map.of("b", "http-hook"));
    r.statusChanged("a", HealthStatus.UNHEALTHY);
    r.statusChanged("b", HealthStatus.UNHEALTHY);
    timers.runDue();
    assertThat(runs).containsExactly("a:running", "b:running", "b:healed");
    assertThat(r.running()).containsExactly("a");

    healthy.add("a");
    hanging.get("a").complete(ActionResult.ok("done"));
    assertThat(runs).endsWith("a:healed");
  }

  @Test
  void an_action_that_hangs_past_its_timeout_counts_as_failed() {
    Recoveries r = recoveries(config(plan("a", 3, Duration.ZERO, action("hang", 1, Duration.ZERO,
        new RecoveryConfig.Reconnect("pg")))), Map.of());
    r.statusChanged("a", HealthStatus.UNHEALTHY);
    timers.runDue();
    timers.advance(Duration.ofSeconds(10));
    assertThat(finished).singleElement().satisfies(a -> assertThat(a.error()).contains("did not end within 10000 ms"));
    assertThat(runs).containsExactly("a:running", "a:exhausted");
  }

  @Test
  void nothing_runs_while_the_system_is_stopped_and_a_run_under_way_is_aborted() {
    Recoveries r = recoveries(config(plan("a", 3, Duration.ZERO, RECONNECT, HOOK)), Map.of());
    stopped = true;
    r.statusChanged("a", HealthStatus.UNHEALTHY);
    timers.runDue();
    assertThat(ran).isEmpty();
    assertThat(r.trigger("a", "manual", "ops").admission()).isEqualTo(Admission.SYSTEM_STOPPED);

    stopped = false;
    assertThat(r.trigger("a", "manual", "ops").admission().admitted()).isTrue();
    timers.runDue();
    r.abortAll("the system was stopped");
    assertThat(runs).endsWith("a:aborted");
    timers.advance(Duration.ofMinutes(1));
    assertThat(ran).containsExactly(Map.entry("a:reconnect", 1));
  }

  @Test
  void an_operator_skips_the_cooldown_but_never_starts_a_second_run() {
    Recoveries r = recoveries(config(plan("a", 3, Duration.ofMinutes(5), action("hang", 1, Duration.ZERO,
        new RecoveryConfig.Reconnect("pg")))), Map.of());
    assertThat(r.trigger("a", "manual", "ops").admission().admitted()).isTrue();
    timers.runDue();
    assertThat(r.trigger("a", "manual", "ops").admission()).isEqualTo(Admission.RUNNING);
    assertThat(r.trigger("nope", "manual", "ops")).isNull();
  }

  @Test
  void a_new_leader_continues_an_interrupted_run_after_its_last_attempt_and_never_repeats_it() {
    Recoveries first = recoveries(config(plan("a", 3, Duration.ZERO, action("hang", 1, Duration.ZERO,
        new RecoveryConfig.Reconnect("pg")), HOOK)), Map.of("a", "http-hook"));
    first.statusChanged("a", HealthStatus.UNHEALTHY);
    timers.runDue();
    first.abandon(); // leadership moved while the first action ran
    assertThat(stored()).singleElement().extracting(RecoveryAttempt::outcome).isEqualTo(AttemptOutcome.RUNNING);
    ran.clear();
    runs.clear();

    Recoveries next = recoveries(config(plan("a", 3, Duration.ZERO, action("hang", 1, Duration.ZERO,
        new RecoveryConfig.Reconnect("pg")), HOOK)), Map.of("a", "http-hook"));
    assertThat(next.restore().succeeded()).isTrue();
    next.statusChanged("a", HealthStatus.UNHEALTHY); // the new leader's probes say it again: no second run
    timers.runDue();

    assertThat(ran).containsExactly(Map.entry("a:http-hook", 1));
    assertThat(runs).containsExactly("a:running", "a:healed");
    List<RecoveryAttempt> all = stored();
    assertThat(all).hasSize(2).extracting(RecoveryAttempt::runId).containsOnly(all.get(0).runId());
    assertThat(all).filteredOn(a -> a.action().equals("hang")).singleElement()
        .satisfies(a -> assertThat(a.error()).contains("interrupted by a leader change"));
  }
}
