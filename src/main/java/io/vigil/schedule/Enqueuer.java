package io.vigil.schedule;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** How the scheduler reaches the queue engine (over the bus in production, a fake in tests). */
interface Enqueuer {
  /** Submits a task request; answers the task's id (the original's when its idempotency key was seen). */
  Future<String> submit(JsonObject request);

  /** Whether the task still waits or runs (false when it finished or is unknown). */
  Future<Boolean> unfinished(String taskId);
}
