package io.vigil.store.outbox;

/** Messages of one channel, status and alarm (null = any), newest first by (created at, id), at most {@code limit}. */
public record OutboxQuery(String channel, OutboxStatus status, String alarmId, int limit) {
  public static final int MAX_LIMIT = 10_000;

  public OutboxQuery {
    if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
  }
}
