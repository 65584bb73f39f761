package io.vigil.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.QueueSlice;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns a submitted JSON task into a {@link TaskRequest}, or a {@link Failure} naming every bad field. The same
 * rules hold for HTTP and event-bus submissions.
 */
public final class TaskRequestParser {
  static final Set<String> FIELDS = Set.of("type", "queue", "payload", "priority", "run_at", "delay_ms",
      "max_attempts", "idempotency_key", "group");
  static final int MAX_KEY_LENGTH = 255;
  /** A group key (tenant, customer id): it names Redis keys and shows in statistics, so a short plain charset. */
  public static final java.util.regex.Pattern GROUP = java.util.regex.Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  private final Supplier<QueueSlice> config;
  private final Clock clock;

  public TaskRequestParser(Supplier<QueueSlice> config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** @param path prefix for field names in errors, e.g. {@code tasks[3].} for a batch item */
  public TaskRequest parse(JsonObject json, String path) {
    List<FieldError> errors = new ArrayList<>();
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) errors.add(new FieldError(path + field, "unknown field"));
    }
    String typeName = text(json, "type", path, errors, true);
    TaskTypeConfig type = typeName == null ? null : config.get().taskTypes().get(typeName);
    String queue = text(json, "queue", path, errors, false);
    if (type != null && queue == null) queue = type.queue();

    Object payloadValue = json.getValue("payload");
    String payload = "{}";
    if (payloadValue != null && !(payloadValue instanceof JsonObject)) {
      errors.add(new FieldError(path + "payload", "must be a JSON object"));
    } else if (payloadValue != null) {
      payload = ((JsonObject) payloadValue).encode();
    }

    int priority = priority(json.getValue("priority"), path, errors);
    Instant runAt = runAt(json, path, errors);
    int maxAttempts = type == null ? 1 : type.maxAttempts();
    Object attempts = json.getValue("max_attempts");
    if (attempts != null) {
      if (attempts instanceof Integer n && n >= 1 && n <= 1000) maxAttempts = n;
      else errors.add(new FieldError(path + "max_attempts", "must be a whole number from 1 to 1000"));
    }
    String key = text(json, "idempotency_key", path, errors, false);
    if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
      errors.add(new FieldError(path + "idempotency_key", "must be 1 to " + MAX_KEY_LENGTH + " characters"));
    }
    String group = text(json, "group", path, errors, false);
    if (group != null && !GROUP.matcher(group).matches()) {
      errors.add(new FieldError(path + "group", "must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ -"));
    }
    if (!errors.isEmpty()) throw Failure.invalid(errors).asException();

    // unknown names are checked last: a malformed request is reported as such first
    if (type == null) {
      throw new Failure(422, Failure.Codes.UNKNOWN_TASK_TYPE, "unknown task type '" + typeName + "'",
          List.of(new FieldError(path + "type", "not one of " + config.get().taskTypes().keySet())), null).asException();
    }
    if (!config.get().queues().containsKey(queue)) {
      throw new Failure(422, Failure.Codes.UNKNOWN_QUEUE, "unknown queue '" + queue + "'",
          List.of(new FieldError(path + "queue", "not one of " + config.get().queues().keySet())), null).asException();
    }
    if (payload.length() > config.get().queue().payloadMaxBytes()
        && payload.getBytes(StandardCharsets.UTF_8).length > config.get().queue().payloadMaxBytes()) {
      throw Failure.of(413, Failure.Codes.PAYLOAD_TOO_LARGE,
          "payload is larger than " + config.get().queue().payloadMaxBytes() + " bytes").asException();
    }
    String fingerprint = key == null ? null : fingerprint(typeName, queue, (JsonObject) payloadValue, group);
    JsonObject payloadJson = payloadValue == null ? new JsonObject() : (JsonObject) payloadValue;
    return new TaskRequest(typeName, queue, payload, payloadJson, priority, runAt, maxAttempts, key, fingerprint,
        group);
  }

  private static String text(JsonObject json, String field, String path, List<FieldError> errors, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) errors.add(new FieldError(path + field, "is required"));
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(new FieldError(path + field, "must be a string"));
      return null;
    }
    return s;
  }

  private static int priority(Object value, String path, List<FieldError> errors) {
    if (value == null) return Priority.NORMAL;
    if (value instanceof Integer n && Priority.isValid(n)) return n;
    if (value instanceof String s && Priority.parse(s).isPresent()) return Priority.parse(s).get();
    errors.add(new FieldError(path + "priority", "must be 0..9 (9 runs first) or one of high, normal, low"));
    return Priority.NORMAL;
  }

  private Instant runAt(JsonObject json, String path, List<FieldError> errors) {
    Object at = json.getValue("run_at");
    Object delay = json.getValue("delay_ms");
    if (at != null && delay != null) {
      errors.add(new FieldError(path + "run_at", "give run_at or delay_ms, not both"));
      return null;
    }
    if (at != null) {
      Instant parsed;
      try {
        parsed = Instant.parse((String) at);
      } catch (ClassCastException | DateTimeParseException e) {
        errors.add(new FieldError(path + "run_at", "must be an ISO-8601 instant such as 2026-01-01T12:00:00Z"));
        return null;
      }
      if (parsed.isAfter(Task.LATEST_RUN_AT)) {
        errors.add(new FieldError(path + "run_at", "must be " + Task.LATEST_RUN_AT + " or earlier"));
        return null;
      }
      return parsed;
    }
    if (delay != null) {
      Instant now = clock.instant();
      long max = Duration.between(now, Task.LATEST_RUN_AT).toMillis();
      if (delay instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0 && n.longValue() <= max) {
        return now.plusMillis(n.longValue());
      }
      errors.add(new FieldError(path + "delay_ms", "must be a whole number of milliseconds from 0 to " + max
          + " (due by " + Task.LATEST_RUN_AT + " at the latest)"));
    }
    return null;
  }

  /** SHA-256 over type, queue and the payload with its keys sorted, so key order does not matter. */
  static String fingerprint(String type, String queue, JsonObject payload) {
    return fingerprint(type, queue, payload, null);
  }

  /** With a group, the group is part of what was submitted; without one the fingerprint is as it always was. */
  static String fingerprint(String type, String queue, JsonObject payload, String group) {
    String canonical = type + '\n' + queue + '\n' + canonical(payload == null ? new JsonObject() : payload)
        + (group == null ? "" : "\ngroup:" + group);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  private static String canonical(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> sorted = new TreeMap<>();
      object.forEach(e -> sorted.put(e.getKey(), e.getValue()));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach((k, v) -> out.append(io.vertx.core.json.Json.encode(k)).append(':').append(canonical(v)).append(','));
      if (out.length() > 1) out.setLength(out.length() - 1);
      return out.append('}').toString();
    }
    if (value instanceof JsonArray array) {
      List<String> items = new ArrayList<>();
      array.forEach(v -> items.add(canonical(v)));
      return "[" + String.join(",", items) + "]";
    }
    return io.vertx.core.json.Json.encode(value);
  }
}
