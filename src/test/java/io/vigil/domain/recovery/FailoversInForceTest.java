package io.vigil.domain.recovery;

import io.vigil.domain.recovery.FailoversInForce.Failover;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailoversInForceTest {
  private static final Failover PAYMENTS = new Failover("payments", "http://standby/charge", List.of("charge"), true);
  private final FailoversInForce failovers = new FailoversInForce();

  @Test
  void an_engine_that_starts_while_a_failover_is_in_force_points_at_the_secondary_from_the_leaders_answer() {
    failovers.asking();
    assertThat(failovers.answered(List.of(PAYMENTS))).isTrue();
    assertThat(failovers.taskTargets()).isEqualTo(Map.of("charge", "http://standby/charge"));
    assertThat(failovers.probeTargets()).isEqualTo(Map.of("payments", "http://standby/charge"));
  }

  @Test
  void a_switch_back_heard_while_the_question_was_out_wins_over_the_older_answer() {
    failovers.asking();
    failovers.switched("payments", null, List.of("charge"), true); // the leader switched back after answering
    assertThat(failovers.answered(List.of(PAYMENTS))).isFalse();
    assertThat(failovers.taskTargets()).isEmpty();
  }

  @Test
  void a_failover_heard_while_the_question_was_out_stands_though_the_older_answer_does_not_name_it() {
    failovers.asking();
    failovers.switched("payments", "http://standby/charge", List.of("charge"), false);
    assertThat(failovers.answered(List.of())).isFalse();
    assertThat(failovers.taskTargets()).containsEntry("charge", "http://standby/charge");
    assertThat(failovers.probeTargets()).isEmpty();
    assertThat(failovers.probeFailedOver("payments")).as("its probe still checks the primary").isFalse();
  }

  @Test
  void a_component_whose_probe_points_at_its_secondary_is_failed_over_and_others_are_not() {
    failovers.switched("payments", "http://standby/charge", List.of("charge"), true);
    assertThat(failovers.probeFailedOver("payments")).isTrue();
    assertThat(failovers.probeFailedOver("search")).isFalse();
  }

  @Test
  void a_component_the_answer_does_not_name_is_back_on_its_primaries() {
    failovers.switched("payments", "http://standby/charge", List.of("charge"), true);
    failovers.asking();
    assertThat(failovers.answered(List.of())).isTrue();
    assertThat(failovers.taskTargets()).isEmpty();
    assertThat(failovers.probeTargets()).isEmpty();
  }

  @Test
  void an_answer_that_repeats_what_the_facts_said_changes_nothing() {
    failovers.switched("payments", PAYMENTS.target(), PAYMENTS.taskTypes(), true);
    failovers.asking();
    assertThat(failovers.answered(List.of(PAYMENTS))).isFalse();
    assertThat(failovers.switched("payments", PAYMENTS.target(), PAYMENTS.taskTypes(), true)).isFalse();
  }
}
