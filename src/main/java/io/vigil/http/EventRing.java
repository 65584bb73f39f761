package io.vigil.http;

import io.vigil.bus.StreamedEvent;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code capacity} stream events, for resuming with {@code Last-Event-ID}. Ids start from the boot time
 * in microseconds, so they keep increasing across restarts and a client's old id never hides new events.
 */
final class EventRing {
  private final int capacity;
  private final ArrayDeque<StreamedEvent> events;
  private long lastId;

  EventRing(int capacity, long bootMillis) {
    this.capacity = capacity;
    this.events = new ArrayDeque<>(capacity);
    this.lastId = bootMillis * 1000;
  }

  StreamedEvent append(String name, String data) {
    StreamedEvent event = new StreamedEvent(++lastId, name, data);
    if (events.size() == capacity) events.pollFirst();
    events.addLast(event);
    return event;
  }

  /** Events after {@code id}, oldest first. */
  List<StreamedEvent> after(long id) {
    return events.stream().filter(e -> e.id() > id).toList();
  }

  /** Whether events after {@code id} have already been dropped from the ring. */
  boolean missedSince(long id) {
    StreamedEvent oldest = events.peekFirst();
    return oldest != null && oldest.id() > id + 1;
  }
}
