package io.vigil.store.pg;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vigil.bus.TaskJson;
import io.vigil.domain.Event;
import io.vigil.domain.Millis;
import io.vigil.domain.Severity;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import io.vigil.store.Ids;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records to and from PostgreSQL rows. A batch becomes one tuple of column arrays, so a whole batch is one
 * {@code INSERT ... SELECT FROM unnest(...)}: one round trip, one statement, whatever the batch size.
 */
final class PgRows {
  private PgRows() {}

  static final String TASK_COLUMNS = "id, queue, type, status, priority, attempts, max_attempts, payload::text, "
      + "result::text, last_error, idempotency_key, run_at, created_at, updated_at, started_at, finished_at, task_group, "
      + "degraded::text";
  static final String EVENT_COLUMNS = "id, time, type, severity, component, actor, message, details::text";

  /** The newest state of each task in the batch (one statement cannot upsert the same row twice). */
  static Collection<Task> newestPerId(List<Task> tasks) {
    Map<String, Task> newest = new LinkedHashMap<>();
    for (Task task : tasks) {
      String id = Ids.checked(task.id());
      newest.merge(id, task, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
    }
    return newest.values();
  }

  static Tuple taskArrays(Collection<Task> tasks) {
    int n = tasks.size();
    UUID[] id = new UUID[n];
    String[] queue = new String[n], type = new String[n], status = new String[n], payload = new String[n],
        result = new String[n], lastError = new String[n], idempotencyKey = new String[n], group = new String[n],
        degraded = new String[n];
    Short[] priority = new Short[n];
    Integer[] attempts = new Integer[n], maxAttempts = new Integer[n];
    OffsetDateTime[] runAt = new OffsetDateTime[n], createdAt = new OffsetDateTime[n], updatedAt = new OffsetDateTime[n],
        startedAt = new OffsetDateTime[n], finishedAt = new OffsetDateTime[n];
    int i = 0;
    for (Task t : tasks) {
      id[i] = UUID.fromString(Ids.checked(t.id()));
      queue[i] = t.queue();
      type[i] = t.type();
      status[i] = t.status().wireName();
      priority[i] = (short) t.priority();
      attempts[i] = t.attempts();
      maxAttempts[i] = t.maxAttempts();
      payload[i] = t.payload();
      result[i] = t.result();
      lastError[i] = t.lastError();
      idempotencyKey[i] = t.idempotencyKey();
      group[i] = t.group();
      degraded[i] = t.degraded() == null ? null : TaskJson.degraded(t.degraded()).encode();
      runAt[i] = time(t.runAt());
      createdAt[i] = time(t.createdAt());
      updatedAt[i] = time(t.updatedAt());
      startedAt[i] = time(t.startedAt());
      finishedAt[i] = time(t.finishedAt());
      i++;
    }
    return Tuple.wrap(new Object[] {id, queue, type, status, priority, attempts, maxAttempts, payload, result,
        lastError, idempotencyKey, runAt, createdAt, updatedAt, startedAt, finishedAt, group, degraded});
  }

  static Tuple eventArrays(List<Event> events) {
    int n = events.size();
    UUID[] id = new UUID[n];
    OffsetDateTime[] time = new OffsetDateTime[n];
    String[] type = new String[n], severity = new String[n], component = new String[n], actor = new String[n],
        message = new String[n], details = new String[n];
    for (int i = 0; i < n; i++) {
      Event e = events.get(i);
      id[i] = UUID.fromString(Ids.checked(e.id()));
      time[i] = time(e.time());
      type[i] = e.type();
      severity[i] = e.severity().wireName();
      component[i] = e.component();
      actor[i] = e.actor();
      message[i] = e.message();
      details[i] = new JsonObject(e.details()).encode();
    }
    return Tuple.wrap(new Object[] {id, time, type, severity, component, actor, message, details});
  }

  static Task task(Row row) {
    return new Task(
        row.getUUID(0).toString(),
        row.getString(1),
        row.getString(2),
        row.getString(7),
        row.getShort(4),
        instant(row.getOffsetDateTime(11)),
        row.getInteger(5),
        row.getInteger(6),
        row.getString(10),
        TaskStatus.fromWire(row.getString(3)),
        instant(row.getOffsetDateTime(12)),
        instant(row.getOffsetDateTime(13)),
        instant(row.getOffsetDateTime(14)),
        instant(row.getOffsetDateTime(15)),
        row.getString(9),
        row.getString(8),
        row.getString(16),
        row.getString(17) == null ? null : TaskJson.degradedFromJson(new JsonObject(row.getString(17))));
  }

  static Event event(Row row) {
    Map<String, Object> details = new LinkedHashMap<>(new JsonObject(row.getString(7)).getMap());
    details.values().removeIf(java.util.Objects::isNull); // an Event's details hold no nulls
    return new Event(
        row.getUUID(0).toString(),
        instant(row.getOffsetDateTime(1)),
        row.getString(2),
        Severity.fromWire(row.getString(3)),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        details);
  }

  /** A map as JSON text, for a {@code $n::jsonb} parameter. */
  static String json(Map<String, ?> map) {
    return new JsonObject(new LinkedHashMap<>(map)).encode();
  }

  /** A jsonb object of strings (labels, annotations), read as {@code column::text}. */
  static Map<String, String> strings(String json) {
    Map<String, String> map = new LinkedHashMap<>();
    new JsonObject(json).forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
    return map;
  }

  /** A jsonb object of JSON values (details), read as {@code column::text}; nulls dropped like an Event's. */
  static Map<String, Object> objects(String json) {
    Map<String, Object> map = new LinkedHashMap<>(new JsonObject(json).getMap());
    map.values().removeIf(java.util.Objects::isNull);
    return map;
  }

  static UUID uuid(String id) {
    return id == null ? null : UUID.fromString(id);
  }

  static String id(Row row, int column) {
    UUID id = row.getUUID(column);
    return id == null ? null : id.toString();
  }

  /** Every time written or compared, cut to the millisecond: the one precision Vigil keeps ({@link Millis}). */
  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : Millis.of(instant).atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
