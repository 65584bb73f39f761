package io.vigil.store;

import io.vigil.domain.TaskStatus;

/** Finished tasks of one queue and/or status (null = any), newest first, at most {@code limit}. */
public record TaskHistoryQuery(String queue, TaskStatus status, int limit) {
  public TaskHistoryQuery {
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
  }
}
