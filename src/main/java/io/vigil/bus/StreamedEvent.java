package io.vigil.bus;

/**
 * What the live stream sends: an SSE event name, its JSON data (encoded once for every connection) and, for
 * replayable events, a stream id.
 *
 * @param id 0 for ephemeral data (statistics) that is never replayed
 */
public record StreamedEvent(long id, String name, String data) {
  public boolean replayable() {
    return id > 0;
  }
}
