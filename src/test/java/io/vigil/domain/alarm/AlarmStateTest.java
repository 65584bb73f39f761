package io.vigil.domain.alarm;

import io.vigil.domain.IllegalTransitionException;
import org.junit.jupiter.api.Test;

import static io.vigil.domain.alarm.AlarmState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlarmStateTest {

  @Test
  void aPendingAlarmEitherFiresOrResolvesBeforeItFires() {
    assertThat(legalMovesFrom(PENDING)).containsExactlyInAnyOrder(FIRING, RESOLVED);
  }

  @Test
  void aFiringAlarmIsAcknowledgedOrResolved() {
    assertThat(legalMovesFrom(FIRING)).containsExactlyInAnyOrder(ACKNOWLEDGED, RESOLVED);
  }

  @Test
  void anAcknowledgedAlarmCanOnlyResolve() {
    assertThat(legalMovesFrom(ACKNOWLEDGED)).containsExactly(RESOLVED);
  }

  @Test
  void resolvedIsTerminal() {
    assertThat(legalMovesFrom(RESOLVED)).isEmpty();
    assertThat(RESOLVED.isOpen()).isFalse();
  }

  @Test
  void aPendingAlarmCannotBeAcknowledged() {
    assertThatThrownBy(() -> PENDING.checkMoveTo(ACKNOWLEDGED))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("illegal transition PENDING -> ACKNOWLEDGED");
  }

  @Test
  void wireNamesAreLowerCaseAndRoundTrip() {
    for (AlarmState state : values()) {
      assertThat(fromWire(state.wireName())).isEqualTo(state);
    }
    assertThat(ACKNOWLEDGED.wireName()).isEqualTo("acknowledged");
  }
}
