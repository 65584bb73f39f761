package io.vigil.store;

import io.vigil.domain.Event;

import java.util.List;

/** One page of events, newest first; {@code nextCursor} is null on the last page. */
public record EventPage(List<Event> events, String nextCursor) {
  public EventPage {
    events = List.copyOf(events);
  }
}
