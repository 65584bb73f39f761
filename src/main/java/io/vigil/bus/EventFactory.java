package io.vigil.bus;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.TaskIds;

import java.time.Clock;
import java.util.Map;

/** Stamps events with a time-ordered id and the time from the injected clock. */
public final class EventFactory {
  private final Clock clock;
  private final TaskIds ids;

  public EventFactory(Clock clock) {
    this.clock = clock;
    this.ids = new TaskIds(clock);
  }

  public Event create(String type, Severity severity, String component, String actor, String message,
                      Map<String, Object> details) {
    return new Event(ids.next(), clock.instant(), type, severity, component, actor, message, details);
  }
}
