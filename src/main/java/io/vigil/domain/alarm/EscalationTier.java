package io.vigil.domain.alarm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** After {@code after} firing without an acknowledgement, an alarm is also sent to {@code channels}. */
public record EscalationTier(Duration after, List<String> channels) {
  public EscalationTier {
    Objects.requireNonNull(after, "after");
    channels = List.copyOf(channels);
  }

  public static EscalationTier after(Duration after, String... channels) {
    return new EscalationTier(after, List.of(channels));
  }
}
