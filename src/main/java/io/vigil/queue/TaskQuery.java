package io.vigil.queue;

import io.vigil.domain.TaskStatus;

/** @param queue null for all queues; @param status null for any status */
public record TaskQuery(String queue, TaskStatus status, int limit) {}
