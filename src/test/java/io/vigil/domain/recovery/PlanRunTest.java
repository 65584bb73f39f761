package io.vigil.domain.recovery;

import io.vigil.domain.IllegalTransitionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanRunTest {
  private static final PlanStep RECONNECT = new PlanStep("reconnect", 2, Duration.ofSeconds(5), Duration.ofSeconds(10));
  private static final PlanStep HOOK = new PlanStep("http-hook", 1, Duration.ZERO, Duration.ofSeconds(10));

  @Test
  void a_run_that_heals_on_its_first_attempt_ends_healed() {
    PlanRun run = new PlanRun(List.of(RECONNECT, HOOK));
    run.acted();
    assertThat(run.verified(true)).isEqualTo(RunState.HEALED);
    assertThat(run.state().isFinal()).isTrue();
    assertThat(run.attempts()).isEqualTo(1);
  }

  @Test
  void an_action_is_tried_max_attempts_times_with_its_backoff_then_the_next_action_takes_over() {
    PlanRun run = new PlanRun(List.of(RECONNECT, HOOK));
    run.acted();
    assertThat(run.verified(false)).isEqualTo(RunState.BACKING_OFF);
    assertThat(run.backoff()).isEqualTo(Duration.ofSeconds(5));
    run.backoffOver();
    assertThat(run.state()).isEqualTo(RunState.ACTING);
    assertThat(run.attempt()).isEqualTo(2);
    run.acted();
    assertThat(run.verified(false)).isEqualTo(RunState.ACTING);
    assertThat(run.step()).isEqualTo(HOOK);
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.attempts()).isEqualTo(3);
  }

  @Test
  void a_run_with_nothing_left_to_try_is_exhausted() {
    PlanRun run = new PlanRun(List.of(HOOK));
    run.acted();
    assertThat(run.verified(false)).isEqualTo(RunState.EXHAUSTED);
  }

  @Test
  void a_manual_action_escalates_before_any_probe() {
    PlanRun run = new PlanRun(List.of(new PlanStep("manual", 1, Duration.ZERO, Duration.ofSeconds(1))));
    run.escalate();
    assertThat(run.state()).isEqualTo(RunState.EXHAUSTED);
  }

  @Test
  void an_aborted_run_stays_aborted_and_a_finished_one_ignores_the_abort() {
    PlanRun waiting = new PlanRun(List.of(RECONNECT));
    waiting.acted();
    waiting.verified(false);
    waiting.abort();
    assertThat(waiting.state()).isEqualTo(RunState.ABORTED);
    assertThatThrownBy(waiting::backoffOver).isInstanceOf(IllegalTransitionException.class);

    PlanRun healed = new PlanRun(List.of(RECONNECT));
    healed.acted();
    healed.verified(true);
    healed.abort();
    assertThat(healed.state()).isEqualTo(RunState.HEALED);
  }

  @Test
  void the_table_refuses_a_move_it_does_not_have() {
    PlanRun run = new PlanRun(List.of(RECONNECT));
    assertThatThrownBy(() -> run.verified(true)).isInstanceOf(IllegalTransitionException.class);
    assertThat(RunState.HEALED.accepts(RunTrigger.ACTED)).isFalse();
    assertThat(RunState.BACKING_OFF.accepts(RunTrigger.HEALED)).isFalse();
  }

  @Test
  void a_run_continued_by_a_new_leader_goes_on_after_the_interrupted_attempt_never_from_the_start() {
    PlanRun afterFirst = PlanRun.resumedAfter(List.of(RECONNECT, HOOK), 0, 1, 1);
    assertThat(afterFirst.state()).isEqualTo(RunState.BACKING_OFF);
    afterFirst.backoffOver();
    assertThat(afterFirst.step()).isEqualTo(RECONNECT);
    assertThat(afterFirst.attempt()).isEqualTo(2);

    PlanRun afterSecond = PlanRun.resumedAfter(List.of(RECONNECT, HOOK), 0, 2, 2);
    assertThat(afterSecond.state()).isEqualTo(RunState.ACTING);
    assertThat(afterSecond.step()).isEqualTo(HOOK);

    PlanRun afterLast = PlanRun.resumedAfter(List.of(RECONNECT, HOOK), 1, 1, 3);
    assertThat(afterLast.state()).isEqualTo(RunState.EXHAUSTED);
  }
}
