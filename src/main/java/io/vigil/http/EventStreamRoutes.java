package io.vigil.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.bus.StreamedEvent;
import io.vigil.config.StreamConfig;
import io.vigil.domain.Role;

import io.vigil.observe.Meters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/events/stream}: Server-Sent Events. On connect, a {@code snapshot} (each capability's part, from
 * the StreamVerticle: the queues, the mode); then, when the
 * client sends {@code Last-Event-ID}, the kept events after it; then live events. A comment line every heartbeat
 * keeps proxies from closing an idle stream. A client too slow to keep up is dropped (it resumes by id).
 */
final class EventStreamRoutes {
  /** Open SSE connections in this JVM, exported as {@code vigil_stream_connections}. */
  private static final AtomicInteger OPEN = new AtomicInteger();

  private final Vertx vertx;
  private final BusClient bus;
  private final StreamConfig config;

  EventStreamRoutes(Vertx vertx, BusClient bus, StreamConfig config) {
    this.vertx = vertx;
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    Meters.gauge("vigil_stream_connections", "open live-stream (SSE) connections", OPEN::get);
    router.get("/api/events/stream").handler(Auth.require(Role.VIEWER)).handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    long resumeFrom = lastEventId(ctx);
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Connection", "keep-alive")
        .putHeader("X-Accel-Buffering", "no");
    Connection connection = new Connection(response, config.ringSize(), config.clientBufferBytes());
    // subscribe first, hold live events until the snapshot and the backlog are out, then drop duplicates by id
    MessageConsumer<StreamedEvent> live = Facts.listen(vertx.eventBus(), Addresses.STREAM_EVENT, connection::live);
    long heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), id -> connection.write(": heartbeat\n\n"));
    OPEN.incrementAndGet();
    response.closeHandler(v -> {
      OPEN.decrementAndGet();
      live.unregister();
      vertx.cancelTimer(heartbeat);
    });
    response.write("retry: 2000\n: connected\n\n");
    bus.request(ctx, Addresses.STREAM_SNAPSHOT, new JsonObject())
        .otherwise(error -> new JsonObject().put("unavailable", new io.vertx.core.json.JsonArray().add(Addresses.STREAM_SNAPSHOT.name())))
        .onSuccess(snapshot -> connection.write("event: snapshot\ndata: " + snapshot.encode() + "\n\n"))
        .compose(v -> resumeFrom > 0
            ? bus.request(ctx, Addresses.STREAM_SINCE, new JsonObject().put("after", resumeFrom))
            : io.vertx.core.Future.succeededFuture(new JsonObject()))
        .onComplete(backlog -> {
          if (backlog.succeeded() && backlog.result().containsKey("events")) {
            backlog.result().getJsonArray("events").stream().map(JsonObject.class::cast)
                .forEach(e -> connection.send(new StreamedEvent(e.getLong("id"), e.getString("name"), e.getString("data"))));
          }
          connection.open(resumeFrom);
        });
  }

  private static long lastEventId(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    if (header == null) header = ctx.request().getParam("last_event_id");
    try {
      return header == null ? 0 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * One client: buffers live events until it is open, then writes them once each, in id order. Its own bound: the
   * bytes written to it that its socket has not taken yet. Past half of it, statistics are skipped; past all of
   * it, the client is dropped (it reconnects and resumes from its last id), so it never holds more memory and never
   * holds up the others.
   */
  private static final class Connection {
    private final HttpServerResponse response;
    private final List<StreamedEvent> pending = new ArrayList<>();
    private final int maxPending;
    private final long maxUnsent;
    private boolean open;
    private long lastSent;
    private long unsent;

    Connection(HttpServerResponse response, int maxPending, long maxUnsent) {
      this.response = response;
      this.maxPending = maxPending;
      this.maxUnsent = maxUnsent;
    }

    void live(StreamedEvent event) {
      if (open) send(event);
      else if (pending.size() < maxPending) pending.add(event);
      else drop(); // the snapshot did not come in time: drop it, it resumes by id
    }

    void open(long resumeFrom) {
      lastSent = Math.max(lastSent, resumeFrom);
      open = true;
      pending.forEach(this::send);
      pending.clear();
    }

    void send(StreamedEvent event) {
      if (event.replayable()) {
        if (event.id() <= lastSent) return;
        lastSent = event.id();
        write("id: " + event.id() + "\nevent: " + event.name() + "\ndata: " + event.data() + "\n\n");
      } else if (unsent <= maxUnsent / 2) { // statistics are skipped, not queued, for a client falling behind
        write("event: " + event.name() + "\ndata: " + event.data() + "\n\n");
      }
    }

    /** Nothing more is queued for it; its connection closes once what was queued is out (or the socket fails). */
    void drop() {
      response.reset();
    }

    void write(String chunk) {
      if (response.closed() || response.ended()) return;
      if (unsent > maxUnsent) {
        drop(); // too far behind: it reconnects and resumes from its last id
        return;
      }
      long bytes = chunk.length();
      unsent += bytes;
      response.write(chunk).onComplete(written -> unsent -= bytes);
    }
  }
}
