package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

/**
 * An operator created, replaced or deleted a schedule over the API.
 *
 * @param change      {@code created}, {@code replaced} or {@code deleted}
 * @param description what it runs and when (none for a deletion)
 */
public record ScheduleChanged(Stamp stamp, String scheduleId, String change, String actor, String description)
    implements Fact {

  @Override
  public Event view() {
    return FactView.of(this, "schedule." + change, Severity.INFO, "schedule:" + scheduleId,
        "schedule " + scheduleId + " " + change + " by " + actor, "schedule_id", scheduleId, "description", description);
  }
}
