package io.vigil.store.silences;

import io.vigil.domain.Millis;
import io.vigil.store.Ids;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes notifications for alarms whose labels match every matcher, from {@code startsAt} (inclusive) to
 * {@code endsAt} (exclusive). Silenced alarms still evaluate and show. Expiring sets {@code endsAt} to the moment of
 * expiry. Times are kept to the millisecond.
 */
public record Silence(String id, List<SilenceMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment, Instant createdAt, Instant updatedAt) {

  public Silence {
    id = Ids.checked(id);
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) throw new IllegalArgumentException("a silence needs at least one matcher");
    startsAt = Millis.of(Objects.requireNonNull(startsAt, "startsAt"));
    endsAt = Millis.of(Objects.requireNonNull(endsAt, "endsAt"));
    if (endsAt.isBefore(startsAt)) throw new IllegalArgumentException("endsAt must not be before startsAt");
    Objects.requireNonNull(createdBy, "createdBy");
    comment = comment == null ? "" : comment;
    createdAt = Millis.of(Objects.requireNonNull(createdAt, "createdAt"));
    updatedAt = Millis.of(Objects.requireNonNull(updatedAt, "updatedAt"));
  }

  public boolean isActiveAt(Instant at) {
    return !at.isBefore(startsAt) && at.isBefore(endsAt);
  }

  public boolean matches(Map<String, String> labels) {
    return matchers.stream().allMatch(m -> m.matches(labels));
  }

  /** This silence ended at {@code at}: a pending one never starts, an active one stops now, an ended one stays. */
  public Silence expiredAt(Instant when) {
    Instant at = Millis.of(when);
    if (!at.isBefore(endsAt)) return this;
    Instant start = startsAt.isAfter(at) ? at : startsAt;
    return new Silence(id, matchers, start, at, createdBy, comment, createdAt, at);
  }
}
