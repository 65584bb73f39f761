package io.vigil.domain.alarm;

import java.time.Duration;
import java.util.ArrayList;
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

  /** Problems with a list of tiers, each named {@code key[i].field}: tiers come later and later, each tells someone. */
  static List<String> problems(List<EscalationTier> tiers, String key) {
    List<String> p = new ArrayList<>();
    Duration previous = Duration.ZERO;
    for (int i = 0; i < tiers.size(); i++) {
      EscalationTier tier = tiers.get(i);
      if (tier.after().compareTo(Duration.ZERO) <= 0) {
        p.add(key + "[" + i + "].after: must be more than 0");
      } else if (tier.after().compareTo(previous) <= 0) {
        p.add(key + "[" + i + "].after: must be later than the tier before");
      }
      if (tier.channels().isEmpty() || tier.channels().stream().anyMatch(String::isBlank)) {
        p.add(key + "[" + i + "].channels: at least one, none blank");
      }
      previous = tier.after();
    }
    return p;
  }
}
