package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.RequestIds;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;
import io.vigil.bus.StreamedEvent;
import io.vigil.config.StreamConfig;

import java.time.Clock;
import java.util.List;

/**
 * The live stream of this node: takes the {@link StreamRegistry} (each capability's registrations and snapshot
 * commands), numbers what is kept, keeps the last ones for resumes, and fans everything out to every SSE connection
 * of this node ({@code vigil.stream.event}). It assembles the snapshot sent on connect from each capability's
 * {@code vigil.<capability>.snapshot} reply. One instance per node, so every HTTP instance sees the same ids; the
 * ids are this node's own and {@code vigil.stream.since} is node-local, so a client resuming on a node never gets
 * another node's numbering. A capability adds its facts to the stream by declaring them, not by editing this.
 *
 * <p>Every event's data names the node it comes from ({@code node}): a cluster-wide fact the node it was published
 * on, a node-local one this node. So that every node's stream shows every node's facts, the node-local facts this
 * node keeps are also handed to the other nodes ({@code vigil.stream.peer}), which stream them marked with this node.
 */
public final class StreamVerticle extends VerticleBase {
  private static final long SNAPSHOT_TIMEOUT_MS = 2_000;

  private final StreamConfig config;
  private final Clock clock;
  private final StreamRegistry registry;
  private final String node;
  private EventRing ring;

  public StreamVerticle(StreamConfig config, Clock clock, StreamRegistry registry, String node) {
    this.config = config;
    this.clock = clock;
    this.registry = registry;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    ring = new EventRing(config.ringSize(), clock.millis());
    registry.events().forEach(this::register);
    Facts.listen(vertx.eventBus(), Addresses.STREAM_PEER, peer -> {
      if (!node.equals(peer.getString("node"))) stream(peer.getString("name"), peer.getString("data"), true);
    });
    Commands.bind(vertx.eventBus(), Addresses.STREAM_SINCE, (q, m) -> {
      long after = q.getLong("after", 0L);
      JsonArray events = new JsonArray();
      ring.after(after).forEach(e -> events.add(new JsonObject().put("id", e.id()).put("name", e.name()).put("data", e.data())));
      return Future.succeededFuture(new JsonObject().put("events", events).put("missed", ring.missedSince(after)));
    });
    Commands.bind(vertx.eventBus(), Addresses.STREAM_SNAPSHOT, (q, m) -> snapshot(RequestIds.of(m)));
    return Future.succeededFuture();
  }

  private <T> void register(StreamRegistration<T> registration) {
    boolean handedOn = registration.address().nodeLocal() && registration.kept();
    Facts.listenWithOrigin(vertx.eventBus(), registration.address(), (body, origin) -> {
      String name = registration.eventName().apply(body);
      JsonObject json = registration.encoder().apply(body);
      if (!json.containsKey("node")) json = json.copy().put("node", origin == null ? node : origin);
      String data = json.encode(); // once, for every connection
      stream(name, data, registration.kept());
      if (handedOn) {
        Facts.publish(vertx.eventBus(), Addresses.STREAM_PEER,
            new JsonObject().put("node", node).put("name", name).put("data", data));
      }
    });
  }

  private void stream(String name, String data, boolean kept) {
    StreamedEvent event = kept ? ring.append(name, data) : new StreamedEvent(0, name, data);
    Facts.publish(vertx.eventBus(), Addresses.STREAM_EVENT, event);
  }

  /** Every capability's snapshot merged; one that does not answer is named under {@code unavailable}. */
  private Future<JsonObject> snapshot(String requestId) {
    List<Address<JsonObject>> sources = registry.snapshots();
    List<Future<JsonObject>> replies = sources.stream()
        .map(source -> Commands.request(vertx.eventBus(), source, new JsonObject(),
            RequestIds.options(requestId, SNAPSHOT_TIMEOUT_MS)).map(Message::body))
        .toList();
    return Future.join(replies).transform(done -> {
      JsonObject snapshot = new JsonObject();
      JsonArray unavailable = new JsonArray();
      for (int i = 0; i < sources.size(); i++) {
        if (replies.get(i).succeeded()) snapshot.mergeIn(replies.get(i).result());
        else unavailable.add(sources.get(i).name());
      }
      if (!unavailable.isEmpty()) snapshot.put("unavailable", unavailable);
      return Future.succeededFuture(snapshot);
    });
  }
}
