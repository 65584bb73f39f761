package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Degraded;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import io.vigil.domain.schedule.ScheduleRuns;

import java.time.Instant;
import java.util.LinkedHashMap;

/** A task as the API, the stream and bus replies show it: snake_case, payload and result as JSON values. */
public final class TaskJson {
  private TaskJson() {}

  public static JsonObject toJson(Task task) {
    return toJson(task, null);
  }

  /** @param parsedPayload the task's payload already parsed (it is not copied), or null to parse the stored text */
  public static JsonObject toJson(Task task, JsonObject parsedPayload) {
    // a task's instants are often one and the same (all three at submit): format each distinct one once
    String created = Json.time(task.createdAt());
    String runAt = same(task.runAt(), task.createdAt(), created);
    String updated = same(task.updatedAt(), task.createdAt(), created);
    // sized for every field a task can have: the default map would grow (rehash) at its twelfth
    JsonObject json = new JsonObject(new LinkedHashMap<>(32))
        .put("id", task.id())
        .put("type", task.type())
        .put("queue", task.queue())
        .put("status", task.status().wireName())
        .put("priority", task.priority())
        .put("attempts", task.attempts())
        .put("max_attempts", task.maxAttempts())
        .put("run_at", runAt)
        .put("created_at", created)
        .put("updated_at", updated);
    putIfPresent(json, "started_at", same(task.startedAt(), task.updatedAt(), updated));
    putIfPresent(json, "finished_at", same(task.finishedAt(), task.updatedAt(), updated));
    putIfPresent(json, "idempotency_key", task.idempotencyKey());
    putIfPresent(json, "group", task.group());
    ScheduleRuns.scheduleOf(task.idempotencyKey()).ifPresent(schedule -> json.put("schedule_id", schedule));
    putIfPresent(json, "last_error", task.lastError());
    json.put("payload", parsedPayload != null ? parsedPayload : Json.value(task.payload()));
    if (task.result() != null) json.put("result", Json.value(task.result()));
    if (task.degraded() != null) json.put("degraded", degraded(task.degraded()));
    return json;
  }

  /**
   * How a result was given while the type's breaker was open: {@code {strategy, breaker, result_at?}}, on a task that
   * finished degraded and on an inline submit's answer.
   */
  public static JsonObject degraded(Degraded how) {
    JsonObject json = new JsonObject().put("strategy", how.strategy()).put("breaker", how.breaker());
    if (how.resultAt() != null) json.put("result_at", Json.time(how.resultAt()));
    return json;
  }

  /** What {@link #degraded(Degraded)} wrote, or null for null. */
  public static Degraded degradedFromJson(JsonObject json) {
    if (json == null) return null;
    return new Degraded(json.getString("strategy"), json.getString("breaker"), Json.instant(json.getString("result_at")));
  }

  public static Task fromJson(JsonObject json) {
    Object payload = json.getValue("payload");
    Object result = json.getValue("result");
    return new Task(
        json.getString("id"),
        json.getString("queue"),
        json.getString("type"),
        payload == null ? "{}" : io.vertx.core.json.Json.encode(payload),
        json.getInteger("priority"),
        Json.instant(json.getString("run_at")),
        json.getInteger("attempts"),
        json.getInteger("max_attempts"),
        json.getString("idempotency_key"),
        TaskStatus.fromWire(json.getString("status")),
        Json.instant(json.getString("created_at")),
        Json.instant(json.getString("updated_at")),
        Json.instant(json.getString("started_at")),
        Json.instant(json.getString("finished_at")),
        json.getString("last_error"),
        result == null ? null : io.vertx.core.json.Json.encode(result),
        json.getString("group"),
        degradedFromJson(json.getJsonObject("degraded")));
  }

  /** {@code instant} as text, reusing {@code knownText} when it is the same instant as {@code known}. */
  private static String same(Instant instant, Instant known, String knownText) {
    return instant != null && instant.equals(known) ? knownText : Json.time(instant);
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) json.put(key, value);
  }
}
