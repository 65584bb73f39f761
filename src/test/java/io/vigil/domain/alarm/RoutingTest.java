package io.vigil.domain.alarm;

import io.vigil.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTest {
  private final Routing routing = new Routing(Map.of(Severity.WARNING, List.of("slack", "email")),
      Map.of(Severity.CRITICAL, List.of(EscalationTier.after(Duration.ofMinutes(10), "pager"))));

  @Test
  void aRuleWithoutChannelsIsRoutedBySeverityAndOneWithChannelsByItsOwn() {
    AlarmRule bySeverity = AlarmRule.builder("r").metric(AlarmMetrics.QUEUE_BACKLOG).when(Comparison.GT, 1)
        .summary("s").build();
    AlarmRule own = bySeverity.toBuilder().channels("telegram").build();

    assertThat(routing.channelsFor(bySeverity, Labels.EMPTY)).containsExactly("slack", "email");
    assertThat(routing.channelsFor(own, Labels.EMPTY)).containsExactly("telegram");
    assertThat(routing.channelsFor(bySeverity.toBuilder().severity(Severity.INFO).build(), Labels.EMPTY)).isEmpty();
  }

  @Test
  void anAlarmAboutAChannelSkipsThatChannel() {
    assertThat(Routing.withoutOwnChannel(List.of("slack", "email"), Labels.of("channel", "slack")))
        .containsExactly("email");
  }

  @Test
  void tiersMustComeLaterAndLaterAndTellSomeone() {
    assertThatThrownBy(() -> new Routing(Map.of(), Map.of(Severity.CRITICAL, List.of(
        EscalationTier.after(Duration.ofMinutes(30), "lead"),
        EscalationTier.after(Duration.ofMinutes(10)), EscalationTier.after(Duration.ZERO, "x")))))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("escalation.critical[1].after: must be later than the tier before")
        .hasMessageContaining("escalation.critical[1].channels: at least one, none blank")
        .hasMessageContaining("escalation.critical[2].after: must be more than 0");
  }
}
