package io.vigil.domain.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A silence: alarms whose labels match every matcher between {@code startsAt} (inclusive) and {@code endsAt}
 * (exclusive) still evaluate, show and resolve, but send no notification — except the resolve of an alarm that
 * was notified before (see {@link AlarmEngine}). Matchers see the alarm's full labels, including {@code rule} and
 * {@code severity}.
 */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment) {
  public Silence {
    matchers = List.copyOf(matchers);
    comment = comment == null ? "" : comment;
    List<String> p = new ArrayList<>();
    if (id == null || id.isBlank()) p.add("id: required");
    if (matchers.isEmpty()) {
      p.add("matchers: at least one");
    } else if (matchers.stream().allMatch(m -> m.matches(Labels.EMPTY))) {
      p.add("matchers: would silence every alarm; name at least one label value");
    }
    if (startsAt == null) p.add("starts_at: required");
    if (endsAt == null) p.add("ends_at: required");
    if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) p.add("ends_at: must be after starts_at");
    if (createdBy == null || createdBy.isBlank()) p.add("created_by: required");
    if (!p.isEmpty()) throw new InvalidRuleException("silence '" + id + "'", p);
  }

  public boolean isActiveAt(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  public boolean matches(Labels alarmLabels) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(alarmLabels)) return false;
    }
    return true;
  }

}
