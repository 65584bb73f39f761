package io.vigil.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One unit of work. Immutable: every lifecycle step returns a new task and is checked against
 * {@link TaskStatus}'s transition table.
 *
 * @param payload JSON text as submitted
 * @param runAt   when the task becomes due (its ready time while it waits)
 * @param attempts attempts started so far
 * @param result  JSON text the handler returned, or null
 * @param group   fairness key (a tenant, a customer): the queue serves groups in turn and may limit each; null = none
 * @param degraded set when the result came from a fallback or a cache while the type's breaker was open (graceful
 *                 degradation): not the target's own answer; null for the target's own answer and before completion
 */
public record Task(
    String id,
    String queue,
    String type,
    String payload,
    int priority,
    Instant runAt,
    int attempts,
    int maxAttempts,
    String idempotencyKey,
    TaskStatus status,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant finishedAt,
    String lastError,
    String result,
    String group,
    Degraded degraded) {

  /**
   * The latest {@code run_at} a task may have: the last millisecond with a four-digit year. PostgreSQL, Redis scores
   * (doubles), JavaScript dates and every ISO-8601 reader keep it exactly; far beyond it some of them cannot.
   */
  public static final Instant LATEST_RUN_AT = Instant.parse("9999-12-31T23:59:59.999Z");

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(runAt, "runAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (!Priority.isValid(priority)) throw new IllegalArgumentException("priority out of range: " + priority);
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
  }

  /** A task without a degraded mark (every task that did not complete from a fallback or a cache). */
  public Task(String id, String queue, String type, String payload, int priority, Instant runAt, int attempts,
              int maxAttempts, String idempotencyKey, TaskStatus status, Instant createdAt, Instant updatedAt,
              Instant startedAt, Instant finishedAt, String lastError, String result, String group) {
    this(id, queue, type, payload, priority, runAt, attempts, maxAttempts, idempotencyKey, status, createdAt,
        updatedAt, startedAt, finishedAt, lastError, result, group, null);
  }

  /** A task without a group (every task before fair queues). */
  public Task(String id, String queue, String type, String payload, int priority, Instant runAt, int attempts,
              int maxAttempts, String idempotencyKey, TaskStatus status, Instant createdAt, Instant updatedAt,
              Instant startedAt, Instant finishedAt, String lastError, String result) {
    this(id, queue, type, payload, priority, runAt, attempts, maxAttempts, idempotencyKey, status, createdAt,
        updatedAt, startedAt, finishedAt, lastError, result, null);
  }

  /** The same task in a group (null = none). */
  public Task withGroup(String newGroup) {
    return java.util.Objects.equals(newGroup, group) ? this : new Task(id, queue, type, payload, priority, runAt,
        attempts, maxAttempts, idempotencyKey, status, createdAt, updatedAt, startedAt, finishedAt, lastError, result,
        newGroup, degraded);
  }

  /** A new task: queued when due now, delayed when {@code runAt} is in the future. */
  public static Task create(String id, String queue, String type, String payload, int priority, Instant runAt,
                            int maxAttempts, String idempotencyKey, Instant now) {
    if (runAt != null && runAt.isAfter(LATEST_RUN_AT)) {
      throw new IllegalArgumentException("run_at " + runAt + " is after " + LATEST_RUN_AT);
    }
    Instant due = runAt == null || runAt.isBefore(now) ? now : runAt;
    TaskStatus status = due.isAfter(now) ? TaskStatus.DELAYED : TaskStatus.QUEUED;
    return new Task(id, queue, type, payload, priority, due, 0, maxAttempts, idempotencyKey, status,
        now, now, null, null, null, null, null);
  }

  /** A worker took it: one more attempt starts. */
  public Task activated(Instant now) {
    return new Task(id, queue, type, payload, priority, runAt, attempts + 1, maxAttempts, idempotencyKey,
        status.checkMoveTo(TaskStatus.ACTIVE), createdAt, now, now, null, lastError, result, group, degraded);
  }

  public Task completed(String taskResult, Instant now) {
    return completed(taskResult, null, now);
  }

  /** Completed with the handler's result; {@code how} marks a result given from a fallback or a cache (or null). */
  public Task completed(String taskResult, Degraded how, Instant now) {
    return new Task(id, queue, type, payload, priority, runAt, attempts, maxAttempts, idempotencyKey,
        status.checkMoveTo(TaskStatus.COMPLETED), createdAt, now, startedAt, now, lastError, taskResult, group, how);
  }

  public Task retrying(String error, Instant retryAt, Instant now) {
    return new Task(id, queue, type, payload, priority, retryAt, attempts, maxAttempts, idempotencyKey,
        status.checkMoveTo(TaskStatus.RETRYING), createdAt, now, startedAt, null, error, result, group, degraded);
  }

  public Task dead(String error, Instant now) {
    return new Task(id, queue, type, payload, priority, runAt, attempts, maxAttempts, idempotencyKey,
        status.checkMoveTo(TaskStatus.DEAD), createdAt, now, startedAt, now, error, result, group, degraded);
  }

  /** Back to waiting now: a delayed or retrying task fell due, or a lease expired or was released. */
  public Task requeued(Instant now) {
    Instant ready = status == TaskStatus.ACTIVE ? now : runAt;
    return new Task(id, queue, type, payload, priority, ready, attempts, maxAttempts, idempotencyKey,
        status.checkMoveTo(TaskStatus.QUEUED), createdAt, now, startedAt, null, lastError, result, group, degraded);
  }

  /** Given back unfinished (graceful shutdown): the attempt does not count and the task keeps its place. */
  public Task released(Instant now) {
    return new Task(id, queue, type, payload, priority, runAt, Math.max(0, attempts - 1), maxAttempts,
        idempotencyKey, status.checkMoveTo(TaskStatus.QUEUED), createdAt, now, startedAt, null, lastError, result, group,
        degraded);
  }

  /** A lease expired: the attempt counts, and the task waits again (or is dead when it has none left). */
  public Task leaseExpired(Instant now) {
    String error = "lease expired (attempt " + attempts + ")";
    if (attempts >= maxAttempts) {
      return dead(error, now);
    }
    Task back = requeued(now);
    return new Task(id, queue, type, payload, priority, back.runAt(), attempts, maxAttempts, idempotencyKey,
        back.status(), createdAt, now, startedAt, null, error, result, group, degraded);
  }

  /** An operator replays a dead task: it starts over with a fresh set of attempts. */
  public Task replayed(Instant now) {
    return new Task(id, queue, type, payload, priority, now, 0, maxAttempts, idempotencyKey,
        status.checkMoveTo(TaskStatus.QUEUED), createdAt, now, null, null, lastError, null, group);
  }

  public Task cancelled(Instant now) {
    return new Task(id, queue, type, payload, priority, runAt, attempts, maxAttempts, idempotencyKey,
        status.checkMoveTo(TaskStatus.CANCELLED), createdAt, now, startedAt, now, lastError, result, group, degraded);
  }

  /** The same task with every time cut to the millisecond, the one precision Vigil keeps and shows times in. */
  public Task truncatedToMillis() {
    if (Millis.isWhole(runAt) && Millis.isWhole(createdAt) && Millis.isWhole(updatedAt) && Millis.isWhole(startedAt)
        && Millis.isWhole(finishedAt) && (degraded == null || Millis.isWhole(degraded.resultAt()))) {
      return this;
    }
    return new Task(id, queue, type, payload, priority, Millis.of(runAt), attempts, maxAttempts, idempotencyKey, status,
        Millis.of(createdAt), Millis.of(updatedAt), Millis.of(startedAt), Millis.of(finishedAt), lastError, result, group,
        degraded == null ? null : degraded.truncatedToMillis());
  }

  /** Run once, inline, at submit (system mode sync_direct): it is active from birth. */
  public Task runningInline(Instant now) {
    return new Task(id, queue, type, payload, priority, now, 1, maxAttempts, idempotencyKey,
        TaskStatus.ACTIVE, createdAt, now, now, null, null, null, group);
  }
}
