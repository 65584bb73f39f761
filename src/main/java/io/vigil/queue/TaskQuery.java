package io.vigil.queue;

import io.vigil.domain.TaskStatus;

/**
 * @param queue null for all queues; @param status null for any status
 * @param degradedOnly only tasks answered degraded (by their breaker's fallback or cache: {@code Task.degraded})
 */
public record TaskQuery(String queue, TaskStatus status, int limit, boolean degradedOnly) {
  public TaskQuery(String queue, TaskStatus status, int limit) {
    this(queue, status, limit, false);
  }
}
