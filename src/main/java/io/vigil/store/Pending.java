package io.vigil.store;

import io.vigil.domain.Event;
import io.vigil.domain.Task;

import java.time.Instant;

/** One row waiting in the writer's buffer: a finished task or an event, and when it arrived. */
public sealed interface Pending {
  Instant arrived();

  /** The id the row is stored under. */
  String id();

  record TaskRow(Task task, Instant arrived) implements Pending {
    @Override
    public String id() {
      return task.id();
    }
  }

  record EventRow(Event event, Instant arrived) implements Pending {
    @Override
    public String id() {
      return event.id();
    }
  }
}
