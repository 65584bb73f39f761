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
 * @param degraded set when an inline answer came from a fallback or a cache while the type's breaker was open
 */
record Submitted(Task task, boolean replayed, boolean inline, JsonObject payload, Degraded degraded) {

  Submitted(Task task, boolean replayed, boolean inline) {
    this(task, replayed, inline, null, null);
  }

  /** Answers with the request's own parsed payload, unless this is a replay (which shows the original's). */
  Submitted withRequestPayload(JsonObject requestPayload) {
    return replayed ? this : new Submitted(task, false, inline, requestPayload, degraded);
  }

  /** Marks an inline answer given while the type's breaker was open (graceful degradation); null: not degraded. */
  Submitted degraded(Degraded how) {
    return how == null ? this : new Submitted(task, replayed, inline, payload, how);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("task", TaskJson.toJson(task, payload)).put("replayed", replayed)
        .put("inline", inline);
    if (degraded != null) json.put("degraded", TaskJson.degraded(degraded));
    return json;
  }
}
