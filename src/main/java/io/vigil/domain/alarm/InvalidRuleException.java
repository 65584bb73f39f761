package io.vigil.domain.alarm;

import java.util.List;

/** A rule (or silence) was refused; each problem names its field by its configuration key, e.g. {@code clear_for}. */
public final class InvalidRuleException extends IllegalArgumentException {
  private final transient List<String> problems;

  public InvalidRuleException(String subject, List<String> problems) {
    super(subject + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
