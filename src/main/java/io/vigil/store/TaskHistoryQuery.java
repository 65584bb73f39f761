package io.vigil.store;

import io.vigil.domain.TaskStatus;

/**
 * Finished tasks of one queue and/or status (null = any), newest first, at most {@code limit}; with
 * {@code degradedOnly}, only those answered degraded (by their breaker's fallback or cache).
 */
public record TaskHistoryQuery(String queue, TaskStatus status, int limit, boolean degradedOnly) {
  public TaskHistoryQuery {
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
  }

  public TaskHistoryQuery(String queue, TaskStatus status, int limit) {
    this(queue, status, limit, false);
  }
}
