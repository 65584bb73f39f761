package io.vigil.domain.recovery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PlanGateTest {
  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void only_one_run_at_a_time() {
    PlanGate gate = new PlanGate(3, Duration.ofMinutes(15), Duration.ZERO);
    gate.started(T0);
    assertThat(gate.admit(T0.plusSeconds(1))).isEqualTo(Admission.RUNNING);
    gate.ended(T0.plusSeconds(2), false);
    assertThat(gate.admit(T0.plusSeconds(3)).admitted()).isTrue();
  }

  @Test
  void the_budget_refuses_a_fourth_run_within_fifteen_minutes_until_the_first_leaves_the_window() {
    PlanGate gate = new PlanGate(3, Duration.ofMinutes(15), Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      Instant at = T0.plus(Duration.ofMinutes(i));
      assertThat(gate.admit(at).admitted()).isTrue();
      gate.started(at);
      gate.ended(at.plusSeconds(10), true);
    }
    Admission refused = gate.admit(T0.plus(Duration.ofMinutes(5)));
    assertThat(refused.verdict()).isEqualTo(Admission.Verdict.BUDGET_SPENT);
    assertThat(refused.until()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(gate.admit(T0.plus(Duration.ofMinutes(15)).plusMillis(1)).admitted()).isTrue();
  }

  @Test
  void a_run_that_healed_starts_the_cooldown_and_a_failed_one_does_not() {
    PlanGate gate = new PlanGate(10, Duration.ofMinutes(15), Duration.ofMinutes(5));
    gate.started(T0);
    gate.ended(T0.plusSeconds(30), false);
    assertThat(gate.admit(T0.plusSeconds(31)).admitted()).isTrue();
    gate.started(T0.plusSeconds(31));
    gate.ended(T0.plusSeconds(40), true);
    Admission cooling = gate.admit(T0.plusSeconds(41));
    assertThat(cooling.verdict()).isEqualTo(Admission.Verdict.COOLING_DOWN);
    assertThat(cooling.until()).isEqualTo(T0.plusSeconds(40).plus(Duration.ofMinutes(5)));
    assertThat(gate.admit(cooling.until()).admitted()).isTrue();
  }

  @Test
  void runs_restored_from_the_store_count_against_the_budget() {
    PlanGate gate = new PlanGate(2, Duration.ofMinutes(15), Duration.ZERO);
    gate.counted(T0);
    gate.counted(T0.plusSeconds(60));
    assertThat(gate.admit(T0.plusSeconds(120)).verdict()).isEqualTo(Admission.Verdict.BUDGET_SPENT);
  }
}
