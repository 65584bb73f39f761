package io.vigil.queue.redis;

import io.vertx.redis.client.Response;
import io.vigil.domain.Degraded;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a task is written to Redis and read back. Two fields per task:
 * <ul>
 *   <li>body (immutable, only Java reads it): {@code createdAtMillis|typeLength|keyLength|<type><key>}, a newline,
 *   then the payload text exactly as submitted (lengths, not escaping, delimit the type and idempotency key). The
 *   payload is never decoded or re-encoded, so Lua's cjson number formatting can never touch it.</li>
 *   <li>state (the scripts read and rewrite it):
 *   {@code status|attempts|updatedAt|startedAt|finishedAt|leaseToken|maxAttempts|priority|runAt|error}, with times
 *   in epoch millis, empty fields for nulls, and the error last as {@code =text} so it may hold any character. What
 *   claim and ack change comes first, so their scripts copy the rest without parsing it.</li>
 * </ul>
 * Results live in a third hash, written only at ack; a result given from a fallback or a cache carries its degraded
 * mark in the same value ({@link #resultValue}), so whatever forgets or reads a result forgets or reads the mark.
 */
final class TaskRecords {
  private static final Map<TaskStatus, String> CODES = new EnumMap<>(Map.of(
      TaskStatus.QUEUED, "Q", TaskStatus.DELAYED, "D", TaskStatus.ACTIVE, "A", TaskStatus.COMPLETED, "C",
      TaskStatus.RETRYING, "R", TaskStatus.DEAD, "X", TaskStatus.CANCELLED, "N"));
  /** Scores of the waiting set: priority bands of 1e13 ms (three centuries) each. */
  static final long BAND = 10_000_000_000_000L;
  /** Starts a result value that holds more than the result text: JSON text never starts with it. */
  private static final char MARKED = '\u0001';

  private record Marked(String result, Degraded degraded) {}

  private TaskRecords() {}

  static String code(TaskStatus status) {
    return CODES.get(status);
  }

  static TaskStatus status(String code) {
    return switch (code) {
      case "Q" -> TaskStatus.QUEUED;
      case "D" -> TaskStatus.DELAYED;
      case "A" -> TaskStatus.ACTIVE;
      case "C" -> TaskStatus.COMPLETED;
      case "R" -> TaskStatus.RETRYING;
      case "X" -> TaskStatus.DEAD;
      case "N" -> TaskStatus.CANCELLED;
      default -> throw new IllegalStateException("unknown task status code '" + code + "'");
    };
  }

  /**
   * {@code createdAtMillis|typeLength|keyLength(-1 = none)|<type><key>\n<payload>}: no escaping, no JSON parser. A
   * grouped task writes {@code keyLength/groupLength} and its group after the key; an ungrouped body is as it always
   * was. (The scripts keep the group apart too, in the queue's {@code grp} hash, for the fair claim.)
   */
  static String body(Task task) {
    String key = task.idempotencyKey();
    String group = task.group();
    StringBuilder body = new StringBuilder(40 + task.type().length() + (key == null ? 0 : key.length())
        + (group == null ? 0 : group.length() + 4) + task.payload().length());
    body.append(task.createdAt().toEpochMilli()).append('|').append(task.type().length()).append('|')
        .append(key == null ? -1 : key.length());
    if (group != null) body.append('/').append(group.length());
    body.append('|').append(task.type());
    if (key != null) body.append(key);
    if (group != null) body.append(group);
    return body.append('\n').append(task.payload()).toString();
  }

  static String state(Task task) {
    return code(task.status()) + '|' + task.attempts() + '|' + task.updatedAt().toEpochMilli() + '|'
        + millis(task.startedAt()) + '|' + millis(task.finishedAt()) + '|' + '|' + task.maxAttempts() + '|'
        + task.priority() + '|' + task.runAt().toEpochMilli() + '|' + optional(task.lastError());
  }

  /** Claim order in the waiting set: higher priority first, then older ready time. */
  static long waitScore(int priority, long readyMillis) {
    return (9 - priority) * BAND + readyMillis;
  }

  /** Text that may be null, as the scripts carry it: empty for null, else '=' and the text. */
  static String optional(String text) {
    return text == null ? "" : "=" + text;
  }

  /**
   * A completed task's value in the results hash (null = none): the result text as it is, or, for a result given from a
   * fallback or a cache, U+0001 then {@code strategyLength|breakerLength|resultAtMillis|<strategy><breaker>} and, when
   * there is a result, a newline and the result (a length of -1 is a null text, an empty time none). A result that
   * itself starts with U+0001 (not JSON) is kept as U+0001, {@code -}, a newline and the result.
   */
  static String resultValue(String result, Degraded degraded) {
    if (degraded == null) {
      return result == null || result.isEmpty() || result.charAt(0) != MARKED ? result : MARKED + "-\n" + result;
    }
    String strategy = degraded.strategy();
    String breaker = degraded.breaker();
    StringBuilder value = new StringBuilder(32 + (result == null ? 0 : result.length()))
        .append(MARKED).append(strategy == null ? -1 : strategy.length()).append('|')
        .append(breaker == null ? -1 : breaker.length()).append('|').append(millis(degraded.resultAt())).append('|');
    if (strategy != null) value.append(strategy);
    if (breaker != null) value.append(breaker);
    if (result != null) value.append('\n').append(result);
    return value.toString();
  }

  static Task task(String queue, String id, String body, String state, String result) {
    return decode(queue, id, body, state, result, null);
  }

  /**
   * Decodes a task; {@code resultValue} is its value in the results hash ({@link #resultValue}) or null. When
   * {@code token} is given, its slot receives the lease token found in the state.
   */
  static Task decode(String queue, String id, String body, String state, String resultValue, String[] token) {
    int a = body.indexOf('|');
    int b = body.indexOf('|', a + 1);
    int c = body.indexOf('|', b + 1);
    int typeLength = Integer.parseInt(body, a + 1, b, 10);
    int slash = body.indexOf('/', b + 1);
    boolean grouped = slash > 0 && slash < c;
    int keyLength = Integer.parseInt(body, b + 1, grouped ? slash : c, 10);
    int groupLength = grouped ? Integer.parseInt(body, slash + 1, c, 10) : 0;
    int typeEnd = c + 1 + typeLength;
    int keyEnd = typeEnd + Math.max(0, keyLength);
    int groupEnd = keyEnd + groupLength;
    String type = body.substring(c + 1, typeEnd);
    String key = keyLength < 0 ? null : body.substring(typeEnd, keyEnd);
    String group = grouped ? body.substring(keyEnd, groupEnd) : null;
    Instant createdAt = Instant.ofEpochMilli(Long.parseLong(body, 0, a, 10));
    String payload = body.substring(groupEnd + 1);

    int[] cut = new int[9]; // positions of the first nine separators; the error after the last may hold any character
    int from = 0;
    for (int i = 0; i < 9; i++) {
      cut[i] = state.indexOf('|', from);
      if (cut[i] < 0) throw new IllegalStateException("malformed state of task " + id + ": " + state);
      from = cut[i] + 1;
    }
    if (token != null) token[0] = state.substring(cut[4] + 1, cut[5]);
    String error = cut[8] + 1 == state.length() ? null : state.substring(cut[8] + 2);
    Marked marked = resultValue == null || resultValue.isEmpty() || resultValue.charAt(0) != MARKED ? null
        : marked(resultValue);
    return new Task(id, queue, type, payload, Integer.parseInt(state, cut[6] + 1, cut[7], 10),
        Instant.ofEpochMilli(Long.parseLong(state, cut[7] + 1, cut[8], 10)), Integer.parseInt(state, cut[0] + 1, cut[1], 10),
        Integer.parseInt(state, cut[5] + 1, cut[6], 10), key, status(state.substring(0, cut[0])), createdAt,
        instant(state, cut[1] + 1, cut[2]), instant(state, cut[2] + 1, cut[3]), instant(state, cut[3] + 1, cut[4]),
        error, marked == null ? resultValue : marked.result(), group, marked == null ? null : marked.degraded());
  }

  /** A result value that starts with U+0001, read back ({@link #resultValue}). */
  private static Marked marked(String value) {
    if (value.startsWith("-\n", 1)) return new Marked(value.substring(3), null);
    int s1 = value.indexOf('|', 1);
    int s2 = value.indexOf('|', s1 + 1);
    int s3 = value.indexOf('|', s2 + 1);
    int strategyLength = Integer.parseInt(value, 1, s1, 10);
    int breakerLength = Integer.parseInt(value, s1 + 1, s2, 10);
    int strategyEnd = s3 + 1 + Math.max(0, strategyLength);
    int breakerEnd = strategyEnd + Math.max(0, breakerLength);
    Degraded degraded = new Degraded(strategyLength < 0 ? null : value.substring(s3 + 1, strategyEnd),
        breakerLength < 0 ? null : value.substring(strategyEnd, breakerEnd), instant(value, s2 + 1, s3));
    return new Marked(breakerEnd == value.length() ? null : value.substring(breakerEnd + 1), degraded);
  }

  /** Decodes a flat reply of {@code id, body, state, result} quadruples starting at {@code from}. */
  static List<Task> tasks(String queue, Response reply, int from) {
    List<Task> tasks = new ArrayList<>((reply.size() - from) / 4);
    for (int i = from; i + 3 < reply.size(); i += 4) {
      Response body = reply.get(i + 1);
      Response state = reply.get(i + 2);
      if (body == null || state == null) continue; // forgotten between index and read: not a task any more
      Response result = reply.get(i + 3);
      tasks.add(task(queue, reply.get(i).toString(), body.toString(), state.toString(),
          result == null ? null : result.toString()));
    }
    return tasks;
  }

  private static String millis(Instant instant) {
    return instant == null ? "" : Long.toString(instant.toEpochMilli());
  }

  private static Instant instant(String text, int from, int to) {
    return from == to ? null : Instant.ofEpochMilli(Long.parseLong(text, from, to, 10));
  }
}
