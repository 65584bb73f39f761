package io.vigil.store;

import io.vertx.core.Future;
import io.vigil.domain.Event;

import java.time.Instant;
import java.util.List;

/**
 * The audit log: every fact worth keeping. Written only by the batched {@link HistoryWriter}; read by
 * {@code GET /api/events}. Contract: {@code AuditStoreContract}.
 */
public interface AuditStore {

  /** Inserts events; an id already stored is ignored, so a retried batch never duplicates. */
  Future<Void> saveEvents(List<Event> events);

  /** Newest first by (time, id), one page; {@link EventPage#nextCursor()} continues after its last event. */
  Future<EventPage> findEvents(EventQuery query);

  /** Deletes at most {@code max} events with {@code time < cutoff}; answers how many went. */
  Future<Integer> deleteEventsBefore(Instant cutoff, int max);
}
