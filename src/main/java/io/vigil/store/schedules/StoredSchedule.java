package io.vigil.store.schedules;

import io.vigil.domain.Millis;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule defined over the API, as the store keeps it: its definition is the JSON the operator posted (read again
 * by the scheduler with the same rules as the file), so the store knows nothing of schedules' fields.
 */
public record StoredSchedule(String id, String definition, String createdBy, Instant createdAt) {
  public StoredSchedule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(createdBy, "createdBy");
    createdAt = Millis.of(Objects.requireNonNull(createdAt, "createdAt"));
  }
}
