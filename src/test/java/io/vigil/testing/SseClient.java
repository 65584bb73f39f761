package io.vigil.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads a {@code text/event-stream} on a background thread and hands out its events and comment lines. */
public final class SseClient implements AutoCloseable {

  /** One event; {@code comment} holds a comment line (e.g. a heartbeat) instead. */
  public record Event(String id, String name, String data, String comment) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final InputStream body;
  private final Thread reader;
  private final int status;
  private final String contentType;

  private SseClient(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.body = response.body();
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  public static SseClient connect(HttpClient http, HttpRequest request) {
    try {
      return new SseClient(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  /** The next event (or comment) matching {@code wanted}; the ones before it are skipped. */
  public Event next(Predicate<Event> wanted, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    List<Event> skipped = new ArrayList<>();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
        if (event == null) throw new AssertionError("no matching event within " + limit.toMillis() + " ms; saw " + skipped);
        if (wanted.test(event)) return event;
        skipped.add(event);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  public Event nextNamed(String name) {
    return next(e -> name.equals(e.name()), Duration.ofSeconds(10));
  }

  /**
   * The next event of each name, in whichever order they arrive: events published by different verticles (a
   * backend loss and the mode change it causes) race to the stream, so a test must not depend on their order.
   */
  public Map<String, Event> nextOfEach(String... names) {
    Map<String, Event> found = new HashMap<>();
    Set<String> wanted = Set.of(names);
    while (found.size() < wanted.size()) {
      Event event = next(e -> wanted.contains(e.name()) && !found.containsKey(e.name()), Duration.ofSeconds(10));
      found.put(event.name(), event);
    }
    return found;
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0 || name != null) events.add(new Event(id, name == null ? "message" : name, data.toString(), null));
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          events.add(new Event(null, null, null, line.substring(1).trim()));
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) data.append('\n');
          data.append(line.substring(5).trim());
        }
      }
    } catch (IOException closed) {
      // the test closed the stream
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
