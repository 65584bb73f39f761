package io.vigil.queue;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.TaskJson;
import io.vigil.domain.Degraded;
import io.vigil.domain.Task;

/**
 * The answer to one submission.
 *
 * @param replayed the idempotency key matched an earlier submission; {@code task} is that one
 * @param inline   the task ran at submit (system mode sync_direct); {@code task} is finished
 * @param payload  the task's payload as already parsed from the request, or null to parse the stored text
 */
record Submitted(Task task, boolean replayed, boolean inline, JsonObject payload) {

  Submitted(Task task, boolean replayed, boolean inline) {
    this(task, replayed, inline, null);
  }

  /** Answers with the request's own parsed payload, unless this is a replay (which shows the original's). */
  Submitted withRequestPayload(JsonObject requestPayload) {
    return replayed ? this : new Submitted(task, false, inline, requestPayload);
  }

  /**
   * Set when this inline answer came from a fallback or a cache while the type's breaker was open (graceful
   * degradation): the finished task's mark; null otherwise, and for a replay.
   */
  Degraded degraded() {
    return inline && !replayed ? task.degraded() : null;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("task", TaskJson.toJson(task, payload)).put("replayed", replayed)
        .put("inline", inline);
    Degraded degraded = degraded();
    if (degraded != null) json.put("degraded", TaskJson.degraded(degraded));
    return json;
  }
}
